#pragma once

#include <QWizard>

namespace rd {

struct Catalogs;

// The troubleshooting wizard. Pages are identified by PageId; nextId() on each
// page decides where the user goes next, so branches live beside the page that
// owns the answer.
class MainWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        WelcomePageId,
        EncoderPageId,
        IngestUrlPageId,
    };
    Q_ENUM(PageId)

    // Field names shared by the pages (QWizard::field / registerField).
    static const QString kHelpDeskField;
    static const QString kEncoderIdField;
    static const QString kIngestUrlField;
    static const QString kStreamKeyField;

    explicit MainWizard(const Catalogs& catalogs, QWidget* parent = nullptr);
};

} // namespace rd
