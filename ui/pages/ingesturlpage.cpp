#include "ingesturlpage.h"

#include "catalog/catalogs.h"
#include "diagnosis/knowledgebase.h"
#include "mainwizard.h"
#include "rememberedtarget.h"
#include "widgets/urledit.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kSpanStartRole = Qt::UserRole;
constexpr int kSpanLengthRole = Qt::UserRole + 1;
constexpr int kFieldRole = Qt::UserRole + 2;

QIcon severityIcon(const QStyle* style, Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Info:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return {};
}

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

IngestUrlPage::IngestUrlPage(const Catalogs& catalogs, const KnowledgeBase& knowledge, QWidget* parent)
    : QWizardPage(parent)
    , m_catalogs(catalogs)
    , m_knowledge(knowledge)
{
    setObjectName(QStringLiteral("ingestUrlPage"));
    setTitle(tr("Where does your encoder send the stream?"));
    setSubTitle(tr("Paste the server address and the stream key exactly as they are in your encoder. "
                   "Problems are underlined as you type; point at one to read why."));

    m_urlEdit = new UrlEdit(this);
    m_urlEdit->setObjectName(QStringLiteral("ingestUrlEdit"));
    m_urlEdit->setAccessibleName(tr("Server URL"));
    m_urlEdit->setPlaceholderText(QStringLiteral("rtmp://live.example.com/app"));

    m_keyEdit = new QLineEdit(this);
    m_keyEdit->setObjectName(QStringLiteral("streamKeyEdit"));
    m_keyEdit->setAccessibleName(tr("Stream key"));
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("Only if your encoder has a separate stream key box"));
    m_revealKey = m_keyEdit->addAction(QIcon(QStringLiteral(":/icons/actions/reveal.svg")),
                                       QLineEdit::TrailingPosition);
    m_revealKey->setObjectName(QStringLiteral("revealKeyAction"));
    m_revealKey->setCheckable(true);
    m_revealKey->setToolTip(tr("Show the stream key"));
    m_keyLabel = new QLabel(tr("Stream &key:"), this);
    m_keyLabel->setBuddy(m_keyEdit);

    m_moveKey = new QPushButton(tr("&Hide the key from the address"), this);
    m_moveKey->setObjectName(QStringLiteral("moveKeyButton"));
    m_moveKey->setAccessibleName(tr("Hide the key from the address"));
    m_moveKey->setToolTip(tr("Move the stream key from the end of the address into the hidden key box"));
    m_moveKey->hide();

    m_rememberKey = new QCheckBox(tr("Re&member the stream key on this computer"), this);
    m_rememberKey->setObjectName(QStringLiteral("rememberKeyCheck"));
    m_rememberKey->setAccessibleName(tr("Remember the stream key on this computer"));
    m_rememberKey->setToolTip(tr("Without this, only the address without the key is remembered for next "
                                 "time. Anyone who uses this computer account can read a remembered key."));

    m_serverFamily = new QComboBox(this);
    m_serverFamily->setObjectName(QStringLiteral("serverFamilyCombo"));
    m_serverFamily->setAccessibleName(tr("Server type"));
    m_serverFamily->addItem(QString(),
                            QString()); // "recognise from the address"; text set in detectServerFamily()
    for (const ServerFamilyInfo& family : m_catalogs.servers.families()) {
        if (family.id != ServerCatalog::genericFamilyId())
            m_serverFamily->addItem(family.name, family.id);
    }
    m_serverFamily->addItem(tr("Another or unknown server"), ServerCatalog::genericFamilyId());
    m_serverFamilyReason = new QLabel(this);
    m_serverFamilyReason->setObjectName(QStringLiteral("serverFamilyReasonLabel"));
    m_serverFamilyReason->setWordWrap(true);
    m_serverFamilyReason->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* urlLabel = new QLabel(tr("Server &URL:"), this);
    urlLabel->setBuddy(m_urlEdit);
    auto* serverLabel = new QLabel(tr("Server t&ype:"), this);
    serverLabel->setBuddy(m_serverFamily);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(urlLabel, m_urlEdit);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_moveKey);
    keyRow->addWidget(m_rememberKey);
    form->addRow(m_keyLabel, keyRow);
    auto* serverRow = new QHBoxLayout;
    serverRow->addWidget(m_serverFamily);
    serverRow->addWidget(m_serverFamilyReason, 1);
    form->addRow(serverLabel, serverRow);

    m_findings = new QListWidget(this);
    m_findings->setObjectName(QStringLiteral("urlFindings"));
    m_findings->setAccessibleName(tr("Problems found in the address"));
    m_findings->setWordWrap(true);
    m_findings->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_findings->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_findings->setIconSize(QSize(20, 20));
    m_findings->installEventFilter(this);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("urlSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setWordWrap(true);
    auto* summaryBox = new QGroupBox(tr("How an encoder reads this address"), this);
    summaryBox->setObjectName(QStringLiteral("urlSummaryBox"));
    auto* summaryLayout = new QVBoxLayout(summaryBox);
    summaryLayout->addWidget(m_summary);
    summaryLayout->addStretch(1);

    m_errorText = new QPlainTextEdit(this);
    m_errorText->setObjectName(QStringLiteral("errorTextEdit"));
    m_errorText->setAccessibleName(tr("Error message shown by the encoder"));
    m_errorText->setPlaceholderText(tr("Optional: paste the error message or the end of the encoder's log"));
    m_errorText->setTabChangesFocus(true);
    m_errorText->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_errorText->setFixedHeight(m_errorText->fontMetrics().lineSpacing() * 4 + 12);
    m_errorMatchLabel = new QLabel(this);
    m_errorMatchLabel->setObjectName(QStringLiteral("errorMatchLabel"));
    m_errorMatchLabel->setWordWrap(true);
    m_errorMatchLabel->setTextFormat(Qt::RichText);
    m_errorMatchLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_errorMatchLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* errorBox = new QGroupBox(tr("&Error the encoder showed"), this);
    errorBox->setObjectName(QStringLiteral("errorTextBox"));
    auto* errorLayout = new QVBoxLayout(errorBox);
    errorLayout->addWidget(m_errorText);
    errorLayout->addWidget(m_errorMatchLabel);
    errorLayout->addStretch(1);
    // The group box's mnemonic moves the focus into the text box.
    errorBox->setFocusProxy(m_errorText);

    auto* boxes = new QHBoxLayout;
    boxes->addWidget(summaryBox, 1);
    boxes->addWidget(errorBox, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_findings);
    layout->addLayout(boxes);
    layout->addStretch(1);

    registerField(MainWizard::kIngestUrlField + QLatin1Char('*'), this, "ingestUrl", SIGNAL(ingestChanged()));
    registerField(MainWizard::kStreamKeyField, this, "streamKey", SIGNAL(ingestChanged()));
    registerField(MainWizard::kServerFamilyField, this, "serverFamilyId", SIGNAL(serverFamilyChanged()));
    registerField(MainWizard::kErrorTextField, this, "errorText", SIGNAL(errorTextChanged()));
    registerField(MainWizard::kRememberKeyField, m_rememberKey);

    connect(m_urlEdit, &QPlainTextEdit::textChanged, this, &IngestUrlPage::relint);
    connect(m_keyEdit, &QLineEdit::textChanged, this, &IngestUrlPage::relint);
    connect(m_moveKey, &QPushButton::clicked, this, &IngestUrlPage::moveKeyOutOfUrl);
    connect(m_serverFamily, &QComboBox::currentIndexChanged, this, &IngestUrlPage::detectServerFamily);
    connect(m_errorText, &QPlainTextEdit::textChanged, this, &IngestUrlPage::matchErrorText);
    // Enter in the one-line address box goes on, like Enter in any other line edit of a wizard.
    connect(m_urlEdit, &UrlEdit::returnPressed, this, [this] {
        if (isComplete() && wizard() != nullptr)
            wizard()->next();
    });
    connect(m_revealKey, &QAction::toggled, this, [this](bool reveal) {
        m_keyEdit->setEchoMode(reveal ? QLineEdit::Normal : QLineEdit::Password);
        m_revealKey->setIcon(QIcon(reveal ? QStringLiteral(":/icons/actions/conceal.svg")
                                          : QStringLiteral(":/icons/actions/reveal.svg")));
        m_revealKey->setToolTip(reveal ? tr("Hide the stream key") : tr("Show the stream key"));
    });
    connect(m_findings, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (item->data(kFieldRole).toInt() == static_cast<int>(UrlField::StreamKey)) {
            m_keyEdit->setFocus();
            return;
        }
        m_urlEdit->selectRange(item->data(kSpanStartRole).toLongLong(),
                               item->data(kSpanLengthRole).toLongLong());
    });
    relint();
    matchErrorText();
}

QString IngestUrlPage::ingestUrl() const
{
    return m_urlEdit->text();
}

QString IngestUrlPage::streamKey() const
{
    return m_keyEdit->text();
}

QString IngestUrlPage::serverFamilyId() const
{
    const QString chosen = m_serverFamily->currentData().toString();
    return chosen.isEmpty() ? m_detection.familyId : chosen;
}

QString IngestUrlPage::errorText() const
{
    return m_errorText->toPlainText();
}

void IngestUrlPage::initializePage()
{
    m_initialized = true;
    restoreRememberedTarget();
    const EncoderInfo* encoder = m_catalogs.encoders.find(field(MainWizard::kEncoderIdField).toString());
    const bool keyBox = encoder == nullptr || (encoder->needsStreamKey && encoder->separateKeyField);
    m_keyEdit->setVisible(keyBox);
    m_keyLabel->setVisible(keyBox);
    if (encoder != nullptr && !encoder->needsStreamKey)
        m_urlEdit->setPlaceholderText(QStringLiteral("rtmp://myserver/avchat30/_definst_"));
    relint();
}

bool IngestUrlPage::isComplete() const
{
    return m_check.url.isUsable();
}

bool IngestUrlPage::validatePage()
{
    RememberedTarget remembered;
    remembered.encoderId = field(MainWizard::kEncoderIdField).toString();
    remembered.url = RememberedTarget::addressWithoutSecrets(m_check.url);
    remembered.keyRemembered = m_rememberKey->isChecked();
    if (remembered.keyRemembered)
        remembered.streamKey = m_check.url.streamKey();
    remembered.save();
    return true;
}

int IngestUrlPage::nextId() const
{
    return MainWizard::SymptomsPageId;
}

void IngestUrlPage::restoreRememberedTarget()
{
    // Only once, and never over something the user typed in this run.
    if (m_restored)
        return;
    m_restored = true;
    if (!m_urlEdit->text().isEmpty())
        return;
    const RememberedTarget remembered = RememberedTarget::load();
    if (remembered.url.isEmpty())
        return;
    m_urlEdit->setText(remembered.url);
    if (remembered.keyRemembered) {
        m_keyEdit->setText(remembered.streamKey);
        m_rememberKey->setChecked(true);
    }
}

void IngestUrlPage::relint()
{
    const EncoderInfo* encoder = m_catalogs.encoders.find(field(MainWizard::kEncoderIdField).toString());
    const QString key =
        m_keyEdit->isVisible() || !m_keyEdit->text().isEmpty() ? m_keyEdit->text() : QString();
    m_check = checkIngest(m_urlEdit->text(), key, encoder);
    // The findings' severity icons are the first standard icons the wizard needs (a lookup in the
    // icon theme), so they are drawn when the page is first shown, not with the wizard.
    if (m_initialized) {
        showFindings();
        showParse();
    }
    const bool keyInUrl = !m_check.url.streamKey().isEmpty() && m_keyEdit->text().isEmpty() &&
                          (encoder == nullptr || encoder->separateKeyField);
    m_moveKey->setVisible(keyInUrl);
    detectServerFamily();
    emit ingestChanged();
    emit completeChanged();
}

void IngestUrlPage::detectServerFamily()
{
    const IngestUrl& url = m_check.url;
    if (url.isUsable()) {
        m_detection = m_catalogs.servers.detect(url.host(), url.port(), url.applicationPath());
    } else {
        m_detection = {};
        m_detection.familyId = ServerCatalog::genericFamilyId();
    }
    const ServerFamilyInfo* detected = m_catalogs.servers.find(m_detection.familyId);
    const bool recognised =
        detected != nullptr && m_detection.basis != ServerCatalog::DetectionBasis::Nothing;
    m_serverFamily->setItemText(0, recognised ? tr("Recognised: %1").arg(detected->name)
                                              : tr("Recognise from the address"));
    const bool chosenByUser = !m_serverFamily->currentData().toString().isEmpty();
    QString reason;
    if (chosenByUser)
        reason = tr("Chosen by you.");
    else if (url.isUsable())
        reason = m_detection.reason;
    for (const QString& hint : std::as_const(m_detection.hints))
        reason += QLatin1Char(' ') + hint;
    m_serverFamilyReason->setText(reason.trimmed());
    m_serverFamilyReason->setToolTip(reason.trimmed());
    emit serverFamilyChanged();
}

void IngestUrlPage::matchErrorText()
{
    m_errorMatch = m_knowledge.matcher().match(m_errorText->toPlainText());
    QString html;
    switch (m_errorMatch.status) {
    case ErrorTextMatch::Status::NoText:
        html = tr("If the encoder showed a message, paste it here: RTMP Doctor knows what many of them "
                  "mean.")
                   .toHtmlEscaped();
        break;
    case ErrorTextMatch::Status::NotRecognised:
        html = tr("This message is not one RTMP Doctor knows. The tests will still look for the cause.")
                   .toHtmlEscaped();
        break;
    case ErrorTextMatch::Status::Recognised: {
        QStringList seen;
        for (const ErrorMatch& match : std::as_const(m_errorMatch.matches)) {
            if (seen.contains(match.signatureId))
                continue;
            seen << match.signatureId;
            html += QStringLiteral("<p><b>%1</b><br>%2</p>")
                        .arg(tr("Recognised: %1").arg(match.title).toHtmlEscaped(),
                             match.meaning.toHtmlEscaped());
        }
        break;
    }
    }
    m_errorMatchLabel->setText(html);
    emit errorTextChanged();
}

void IngestUrlPage::showFindings()
{
    QList<UrlEdit::Mark> marks;
    m_findings->clear();
    for (const UrlFinding& finding : std::as_const(m_check.findings)) {
        auto* item =
            new QListWidgetItem(severityIcon(style(), finding.severity), finding.message, m_findings);
        item->setData(kSpanStartRole, static_cast<qlonglong>(finding.span.start));
        item->setData(kSpanLengthRole, static_cast<qlonglong>(finding.span.length));
        item->setData(kFieldRole, static_cast<int>(finding.field));
        item->setToolTip(lintCodeId(finding.code));
        if (finding.field == UrlField::Url && finding.span.isValid())
            marks << UrlEdit::Mark{finding.span.start, finding.span.length, finding.severity,
                                   finding.message};
    }
    if (m_findings->count() == 0 && !m_urlEdit->text().isEmpty()) {
        auto* item = new QListWidgetItem(style()->standardIcon(QStyle::SP_DialogApplyButton),
                                         tr("The address looks right. The next steps test whether it works."),
                                         m_findings);
        item->setFlags(Qt::ItemIsEnabled);
    }
    m_urlEdit->setMarks(marks);
    fitFindingsHeight();
}

void IngestUrlPage::fitFindingsHeight()
{
    // The list is as tall as its wrapped rows (up to a limit), so the page
    // shows neither a large empty box nor a cut-off explanation.
    const QFontMetrics metrics = m_findings->fontMetrics();
    const int iconAndMargins = m_findings->iconSize().width() + 16;
    const int textWidth = std::max(100, m_findings->viewport()->width() - iconAndMargins);
    int rowsHeight = 0;
    for (int row = 0; row < m_findings->count(); ++row) {
        const QRect text = metrics.boundingRect(QRect(0, 0, textWidth, 100000), Qt::TextWordWrap,
                                                m_findings->item(row)->text());
        rowsHeight += std::max(text.height(), m_findings->iconSize().height()) + 6;
    }
    const int frame = 2 * m_findings->frameWidth() + 2;
    m_findings->setFixedHeight(std::clamp(rowsHeight + frame, metrics.height() * 2 + frame, 260));
}

bool IngestUrlPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_findings && event->type() == QEvent::Resize)
        fitFindingsHeight();
    return QWizardPage::eventFilter(watched, event);
}

void IngestUrlPage::showParse()
{
    const IngestUrl& url = m_check.url;
    if (!url.isUsable()) {
        m_summary->setText(tr("Type or paste an address such as rtmp://live.example.com/app/streamkey."));
        return;
    }
    QString html = QStringLiteral("<table>");
    html += row(tr("Protocol"), schemeName(url.scheme()));
    QString host = url.host();
    if (url.hostAce() != url.host())
        host += QStringLiteral(" (%1)").arg(url.hostAce());
    html += row(tr("Server"), host);
    html +=
        row(tr("Port"), url.isPortExplicit()
                            ? QString::number(url.port())
                            : tr("%1 (the default for %2)").arg(url.port()).arg(schemeName(url.scheme())));
    html += row(tr("Application"),
                url.applicationPath().isEmpty() ? tr("(none)") : url.applicationPath(Redaction::Redacted));
    html += row(tr("Stream key"), url.streamKey().isEmpty() ? tr("(none)") : redactSecret(url.streamKey()));
    html += row(tr("Address sent in connect (tcUrl)"), url.tcUrl(Redaction::Redacted));
    html += QStringLiteral("</table>");
    m_summary->setText(html);
}

void IngestUrlPage::moveKeyOutOfUrl()
{
    const IngestUrl& url = m_check.url;
    const QString key = url.streamKey();
    QString text = m_urlEdit->text().trimmed();
    const qsizetype at = text.lastIndexOf(key);
    if (key.isEmpty() || at < 0)
        return;
    text.truncate(at);
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    m_keyEdit->setText(key);
    m_urlEdit->setText(text);
}

} // namespace rd
