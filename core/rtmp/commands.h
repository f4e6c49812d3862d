#pragma once

#include "rtmp/amf0.h"
#include "rtmp/chunkstream.h"

#include <QList>
#include <QString>

#include <optional>

// NetConnection / NetStream commands a publishing client sends, and the replies it reads.
namespace rd::rtmp {

inline constexpr QLatin1StringView DefaultFlashVersion{"FMLE/3.0 (compatible; RTMP Doctor)"};

struct ConnectParameters
{
    QString app;   // e.g. "live" or "live/<token>"
    QString tcUrl; // e.g. "rtmp://host:1935/live"
    QString flashVer = QString(DefaultFlashVersion);
    QString type = QStringLiteral("nonprivate"); // omitted when empty
    // Appended after app, type, flashVer, tcUrl (the order ffmpeg uses when publishing).
    QList<amf0::Property> extraFields;
    // Arguments after the command object (some auth schemes put credentials here).
    QList<amf0::Value> extraArguments;
};

// All builders return a type-20 message on csid 3, timestamp 0. Commands that act on a
// published stream take its message stream id (the number createStream returned).
Message buildCommand(const QString& name, double transactionId, const QList<amf0::Value>& arguments,
                     quint32 messageStreamId = 0, quint32 chunkStreamId = CommandChunkStreamId);
Message buildConnect(const ConnectParameters& parameters, double transactionId = 1);
Message buildReleaseStream(double transactionId, const QString& streamName);
Message buildFCPublish(double transactionId, const QString& streamName);
Message buildCreateStream(double transactionId);
Message buildPublish(double transactionId, quint32 messageStreamId, const QString& streamName,
                     const QString& publishType = QStringLiteral("live"));
Message buildFCUnpublish(double transactionId, const QString& streamName);
Message buildDeleteStream(double transactionId, double streamIdToDelete);

enum class CommandKind
{
    Result,   // _result
    Error,    // _error
    OnStatus, // onStatus
    OnBWDone, // onBWDone
    Close,    // close
    Other,
};

CommandKind classifyCommandName(QStringView name);
QString commandKindName(CommandKind kind);

struct Command
{
    QString name;
    double transactionId = 0;
    bool hasTransactionId = false; // false when the second value was not a number
    QList<amf0::Value> args;       // everything after the transaction id (command object first)

    CommandKind kind() const { return classifyCommandName(name); }
    // The createStream reply's stream id: the last numeric argument of a _result.
    std::optional<double> lastNumberArgument() const;
    QString toDebugString(const amf0::Value::StringFilter& filter = {}) const;
};

enum class CommandParseStatus
{
    Ok,
    NotACommand, // message type other than 20 (AMF0) or 17 (AMF3 wrapper)
    BadAmf,      // AMF0 decoding failed; amfStatus says how
    MissingName, // first value is not a string
};

QString commandParseStatusName(CommandParseStatus status);

struct CommandParseResult
{
    CommandParseStatus status = CommandParseStatus::Ok;
    amf0::DecodeStatus amfStatus = amf0::DecodeStatus::Ok;
    Command command; // filled as far as the bytes allowed, even when status is BadAmf
    QString message;

    bool ok() const { return status == CommandParseStatus::Ok; }
};

// Type 17 payloads start with a 0 format byte and then carry AMF0 in practice; both
// forms are read.
CommandParseResult parseCommand(const Message& message);

// The fields servers put in _result/_error/onStatus replies (spread over the properties
// object and the information object).
struct StatusInfo
{
    bool present = false; // an information object with a code or level was found
    QString level;        // "status", "error", "warning"
    QString code;         // e.g. "NetConnection.Connect.Success"
    QString description;
    QString fmsVer;                     // from the properties object, e.g. "FMS/3,0,1,123"
    std::optional<double> capabilities; // from the properties object
    std::optional<double> objectEncoding;
    amf0::Value infoObject; // the whole information object, for a transcript

    bool isError() const { return level.compare(u"error", Qt::CaseInsensitive) == 0; }
};

StatusInfo extractStatusInfo(const Command& command);

} // namespace rd::rtmp
