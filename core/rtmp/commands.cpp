#include "rtmp/commands.h"

using namespace Qt::StringLiterals;

namespace rd::rtmp {

using amf0::Property;
using amf0::Value;

Message buildCommand(const QString& name, double transactionId, const QList<Value>& arguments,
                     quint32 messageStreamId, quint32 chunkStreamId)
{
    Message message;
    message.type = quint8(MessageType::Amf0Command);
    message.streamId = messageStreamId;
    message.timestamp = 0;
    message.chunkStreamId = chunkStreamId;
    amf0::encodeTo(message.payload, Value::string(name));
    amf0::encodeTo(message.payload, Value::number(transactionId));
    for (const Value& argument : arguments)
        amf0::encodeTo(message.payload, argument);
    return message;
}

Message buildConnect(const ConnectParameters& parameters, double transactionId)
{
    QList<Property> fields;
    fields.append({u"app"_s, Value::string(parameters.app)});
    if (!parameters.type.isEmpty())
        fields.append({u"type"_s, Value::string(parameters.type)});
    fields.append({u"flashVer"_s, Value::string(parameters.flashVer)});
    fields.append({u"tcUrl"_s, Value::string(parameters.tcUrl)});
    fields.append(parameters.extraFields);

    QList<Value> arguments{Value::object(fields)};
    arguments.append(parameters.extraArguments);
    return buildCommand(u"connect"_s, transactionId, arguments);
}

Message buildReleaseStream(double transactionId, const QString& streamName)
{
    return buildCommand(u"releaseStream"_s, transactionId, {Value::null(), Value::string(streamName)});
}

Message buildFCPublish(double transactionId, const QString& streamName)
{
    return buildCommand(u"FCPublish"_s, transactionId, {Value::null(), Value::string(streamName)});
}

Message buildCreateStream(double transactionId)
{
    return buildCommand(u"createStream"_s, transactionId, {Value::null()});
}

Message buildPublish(double transactionId, quint32 messageStreamId, const QString& streamName,
                     const QString& publishType)
{
    // Its own chunk stream, as ffmpeg does, so it never interleaves with csid 3 traffic.
    constexpr quint32 publishChunkStreamId = 8;
    return buildCommand(u"publish"_s, transactionId,
                        {Value::null(), Value::string(streamName), Value::string(publishType)},
                        messageStreamId, publishChunkStreamId);
}

Message buildFCUnpublish(double transactionId, const QString& streamName)
{
    return buildCommand(u"FCUnpublish"_s, transactionId, {Value::null(), Value::string(streamName)});
}

Message buildDeleteStream(double transactionId, double streamIdToDelete)
{
    return buildCommand(u"deleteStream"_s, transactionId, {Value::null(), Value::number(streamIdToDelete)});
}

CommandKind classifyCommandName(QStringView name)
{
    if (name == u"_result")
        return CommandKind::Result;
    if (name == u"_error")
        return CommandKind::Error;
    if (name == u"onStatus")
        return CommandKind::OnStatus;
    if (name == u"onBWDone")
        return CommandKind::OnBWDone;
    if (name == u"close")
        return CommandKind::Close;
    return CommandKind::Other;
}

QString commandKindName(CommandKind kind)
{
    switch (kind) {
    case CommandKind::Result:
        return u"result"_s;
    case CommandKind::Error:
        return u"error"_s;
    case CommandKind::OnStatus:
        return u"on-status"_s;
    case CommandKind::OnBWDone:
        return u"on-bw-done"_s;
    case CommandKind::Close:
        return u"close"_s;
    case CommandKind::Other:
        return u"other"_s;
    }
    return u"other"_s;
}

std::optional<double> Command::lastNumberArgument() const
{
    for (qsizetype i = args.size() - 1; i >= 0; --i) {
        if (args.at(i).isNumber())
            return args.at(i).toNumber();
    }
    return std::nullopt;
}

QString Command::toDebugString(const Value::StringFilter& filter) const
{
    QString result = filter ? filter(name) : name;
    result += u'(';
    if (hasTransactionId)
        result += Value::number(transactionId).toDebugString();
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (i > 0 || hasTransactionId)
            result += u", "_s;
        result += args.at(i).toDebugString(filter);
    }
    result += u')';
    return result;
}

QString commandParseStatusName(CommandParseStatus status)
{
    switch (status) {
    case CommandParseStatus::Ok:
        return u"ok"_s;
    case CommandParseStatus::NotACommand:
        return u"not-a-command"_s;
    case CommandParseStatus::BadAmf:
        return u"bad-amf"_s;
    case CommandParseStatus::MissingName:
        return u"missing-name"_s;
    }
    return u"unknown"_s;
}

CommandParseResult parseCommand(const Message& message)
{
    CommandParseResult result;
    QByteArrayView body = message.payload;
    if (message.type == quint8(MessageType::Amf3Command)) {
        if (!body.isEmpty() && body.front() == '\0')
            body = body.sliced(1);
    } else if (message.type != quint8(MessageType::Amf0Command)) {
        result.status = CommandParseStatus::NotACommand;
        result.message = u"a %1 message is not a command"_s.arg(messageTypeName(message.type));
        return result;
    }

    amf0::DecodeResult decoded = amf0::decode(body);
    result.amfStatus = decoded.status;
    QList<Value>& values = decoded.values;

    if (!values.isEmpty() && values.front().isString()) {
        result.command.name = values.takeFirst().toString();
        if (!values.isEmpty() && values.front().isNumber()) {
            result.command.transactionId = values.takeFirst().toNumber();
            result.command.hasTransactionId = true;
        }
        result.command.args = std::move(values);
    }

    if (!decoded.ok()) {
        result.status = CommandParseStatus::BadAmf;
        result.message = u"command body is not valid AMF0: %1"_s.arg(decoded.message);
    } else if (result.command.name.isEmpty()) {
        result.status = CommandParseStatus::MissingName;
        result.message = u"command body does not start with a name string"_s;
    }
    return result;
}

StatusInfo extractStatusInfo(const Command& command)
{
    StatusInfo info;
    for (const Value& argument : command.args) {
        if (!argument.hasProperties())
            continue;
        if (info.fmsVer.isEmpty())
            info.fmsVer = argument.stringProperty(u"fmsVer");
        if (!info.capabilities) {
            if (const Value* capabilities = argument.property(u"capabilities");
                capabilities && capabilities->isNumber())
                info.capabilities = capabilities->toNumber();
        }
        // The information object is the one that says what happened; when several objects
        // qualify, the last wins because servers put it after the properties object.
        if (argument.property(u"code") || argument.property(u"level")) {
            info.present = true;
            info.level = argument.stringProperty(u"level");
            info.code = argument.stringProperty(u"code");
            info.description = argument.stringProperty(u"description");
            info.infoObject = argument;
            info.objectEncoding.reset();
            if (const Value* encoding = argument.property(u"objectEncoding");
                encoding && encoding->isNumber())
                info.objectEncoding = encoding->toNumber();
        }
    }
    return info;
}

} // namespace rd::rtmp
