#pragma once

#include "report/reportmodel.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

// Saving and opening reports. Writes are atomic (QSaveFile): the file either has its old contents
// or the complete new ones, never half of them; a failure is a value, and the model in memory is
// untouched.
namespace rd {

struct ReportFileResult
{
    enum class Status
    {
        Ok,
        CannotOpen,   // the file (or its temporary twin) could not be created or opened
        WriteFailed,  // writing stopped part way (disk full, I/O error)
        CommitFailed, // the finished file could not replace the old one
        TooLarge,     // opening: larger than ReportModel::kMaxJsonBytes
        Damaged,      // opening: not a report this version can read
    };

    Status status = Status::Ok;
    QString message; // one sentence naming the file and the reason; empty when Ok

    bool ok() const { return status == Status::Ok; }
};
QString reportFileStatusId(ReportFileResult::Status status); // "ok", "cannot-open", ...

// Writes through QSaveFile. `produce` writes the contents into the device it gets (the temporary
// file) and returns false to abandon the write (its message then goes into the result).
ReportFileResult writeFileAtomically(const QString& path,
                                     const std::function<bool(QIODevice& device, QString* error)>& produce);
ReportFileResult writeFileAtomically(const QString& path, const QByteArray& contents);

// Saves model.toJson(options).
ReportFileResult saveReportJson(const ReportModel& model, const QString& path,
                                const ReportOptions& options = {});

struct ReportOpenResult
{
    ReportFileResult file;
    std::optional<ReportModel> report; // set exactly when file.ok()
};
ReportOpenResult openReportJson(const QString& path);

} // namespace rd
