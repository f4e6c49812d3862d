#include "ingesturlpage.h"

#include "catalog/encodercatalog.h"
#include "mainwizard.h"
#include "widgets/urledit.h"

#include <QAction>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
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

IngestUrlPage::IngestUrlPage(const EncoderCatalog& encoders, QWidget* parent)
    : QWizardPage(parent)
    , m_encoders(encoders)
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
    m_moveKey->setToolTip(tr("Move the stream key from the end of the address into the hidden key box"));
    m_moveKey->hide();

    auto* urlLabel = new QLabel(tr("Server &URL:"), this);
    urlLabel->setBuddy(m_urlEdit);
    auto* form = new QFormLayout;
    form->addRow(urlLabel, m_urlEdit);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_moveKey);
    form->addRow(m_keyLabel, keyRow);

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
    auto* summaryLayout = new QVBoxLayout(summaryBox);
    summaryLayout->addWidget(m_summary);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_findings);
    layout->addWidget(summaryBox);
    layout->addStretch(1);

    registerField(MainWizard::kIngestUrlField + QLatin1Char('*'), this, "ingestUrl", SIGNAL(ingestChanged()));
    registerField(MainWizard::kStreamKeyField, this, "streamKey", SIGNAL(ingestChanged()));

    connect(m_urlEdit, &QPlainTextEdit::textChanged, this, &IngestUrlPage::relint);
    connect(m_keyEdit, &QLineEdit::textChanged, this, &IngestUrlPage::relint);
    connect(m_moveKey, &QPushButton::clicked, this, &IngestUrlPage::moveKeyOutOfUrl);
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
}

QString IngestUrlPage::ingestUrl() const
{
    return m_urlEdit->text();
}

QString IngestUrlPage::streamKey() const
{
    return m_keyEdit->text();
}

void IngestUrlPage::initializePage()
{
    const EncoderInfo* encoder = m_encoders.find(field(MainWizard::kEncoderIdField).toString());
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

int IngestUrlPage::nextId() const
{
    return -1;
}

void IngestUrlPage::relint()
{
    const EncoderInfo* encoder = m_encoders.find(field(MainWizard::kEncoderIdField).toString());
    const QString key =
        m_keyEdit->isVisible() || !m_keyEdit->text().isEmpty() ? m_keyEdit->text() : QString();
    m_check = checkIngest(m_urlEdit->text(), key, encoder);
    showFindings();
    showParse();
    const bool keyInUrl = !m_check.url.streamKey().isEmpty() && m_keyEdit->text().isEmpty() &&
                          (encoder == nullptr || encoder->separateKeyField);
    m_moveKey->setVisible(keyInUrl);
    emit ingestChanged();
    emit completeChanged();
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
