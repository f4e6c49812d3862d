#include "report/reportfile.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace rd {

QString reportFileStatusId(ReportFileResult::Status status)
{
    switch (status) {
    case ReportFileResult::Status::Ok:
        return u"ok"_s;
    case ReportFileResult::Status::CannotOpen:
        return u"cannot-open"_s;
    case ReportFileResult::Status::WriteFailed:
        return u"write-failed"_s;
    case ReportFileResult::Status::CommitFailed:
        return u"commit-failed"_s;
    case ReportFileResult::Status::TooLarge:
        return u"too-large"_s;
    case ReportFileResult::Status::Damaged:
        return u"damaged"_s;
    }
    return u"unknown"_s;
}

ReportFileResult writeFileAtomically(const QString& path,
                                     const std::function<bool(QIODevice& device, QString* error)>& produce)
{
    using Status = ReportFileResult::Status;
    if (path.isEmpty())
        return {Status::CannotOpen, u"No file name was given."_s};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {Status::CannotOpen,
                u"Cannot write %1: %2."_s.arg(QFileInfo(path).absoluteFilePath(), file.errorString())};
    QString produceError;
    if (!produce(file, &produceError)) {
        file.cancelWriting();
        return {Status::WriteFailed,
                u"Cannot write %1: %2."_s.arg(QFileInfo(path).absoluteFilePath(),
                                              produceError.isEmpty() ? file.errorString() : produceError)};
    }
    // QSaveFile remembers a failed write (disk full) and then refuses to commit.
    if (file.error() != QFileDevice::NoError) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return {Status::WriteFailed,
                u"Cannot write %1: %2."_s.arg(QFileInfo(path).absoluteFilePath(), reason)};
    }
    if (!file.commit())
        return {Status::CommitFailed, u"Cannot finish writing %1: %2."_s.arg(
                                          QFileInfo(path).absoluteFilePath(), file.errorString())};
    return {};
}

ReportFileResult writeFileAtomically(const QString& path, const QByteArray& contents)
{
    return writeFileAtomically(path, [&contents](QIODevice& device, QString* error) {
        if (device.write(contents) != contents.size()) {
            *error = device.errorString();
            return false;
        }
        return true;
    });
}

ReportFileResult saveReportJson(const ReportModel& model, const QString& path, const ReportOptions& options)
{
    return writeFileAtomically(path, model.toJson(options));
}

ReportOpenResult openReportJson(const QString& path)
{
    using Status = ReportFileResult::Status;
    ReportOpenResult result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.file = {Status::CannotOpen, u"Cannot open %1: %2."_s.arg(path, file.errorString())};
        return result;
    }
    // Read one byte more than allowed so an oversized file (or an endless device) is refused
    // without reading it all.
    const QByteArray contents = file.read(ReportModel::kMaxJsonBytes + 1);
    if (contents.size() > ReportModel::kMaxJsonBytes) {
        result.file = {Status::TooLarge, u"%1 is larger than %2 MiB; it is not a report."_s.arg(path).arg(
                                             ReportModel::kMaxJsonBytes >> 20)};
        return result;
    }
    QString error;
    ReportModel model = ReportModel::fromJson(contents, &error);
    if (!error.isEmpty()) {
        result.file = {Status::Damaged, u"%1 cannot be read as a report: %2."_s.arg(path, error)};
        return result;
    }
    result.report = std::move(model);
    return result;
}

} // namespace rd
