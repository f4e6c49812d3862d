#include "encoderpage.h"

#include "catalog/encodercatalog.h"
#include "mainwizard.h"
#include "rememberedtarget.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kEncoderIdRole = Qt::UserRole;

QIcon iconForEncoder(const EncoderInfo& encoder)
{
    const QIcon icon(encoder.iconResourcePath());
    if (!icon.isNull() && !icon.availableSizes().isEmpty())
        return icon;
    return QIcon(QStringLiteral(":/icons/kinds/other.svg"));
}

QString htmlList(const QStringList& items)
{
    QString html;
    for (const QString& item : items)
        html += QStringLiteral("<li>%1</li>").arg(item.toHtmlEscaped());
    return html.isEmpty() ? html : QStringLiteral("<ul style=\"margin-left:-20px\">%1</ul>").arg(html);
}

} // namespace

EncoderPage::EncoderPage(const EncoderCatalog& encoders, QWidget* parent)
    : QWizardPage(parent)
    , m_encoders(encoders)
{
    setObjectName(QStringLiteral("encoderPage"));
    setTitle(tr("Which encoder do you stream with?"));
    setSubTitle(tr("Pick the program or device that sends the stream. Type to search; choose \"Other "
                   "encoder\" if yours is not listed."));

    // The field reads the page's own property, so it exists before the list does.
    registerField(MainWizard::kEncoderIdField + QLatin1Char('*'), this, "encoderId",
                  SIGNAL(encoderIdChanged(QString)));
}

void EncoderPage::buildContent()
{
    // Built when the page is first shown, not with the wizard: the encoder icons and the search
    // box's clear button (a lookup in the icon theme) cost more than the whole first page.
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("encoderSearch"));
    m_search->setPlaceholderText(tr("Search encoders (name, vendor, e.g. \"obs\", \"hardware\")"));
    m_search->setAccessibleName(tr("Search encoders"));
    m_search->setClearButtonEnabled(true);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("encoderList"));
    m_list->setAccessibleName(tr("Encoders"));
    m_list->setIconSize(QSize(24, 24));
    m_list->setUniformItemSizes(true);
    for (const EncoderInfo& encoder : m_encoders.encoders()) {
        auto* item = new QListWidgetItem(iconForEncoder(encoder), encoder.name, m_list);
        item->setData(kEncoderIdRole, encoder.id);
        item->setToolTip(encoder.vendor);
    }

    m_noMatch = new QLabel(tr("No encoder matches. Clear the search or choose \"Other encoder\"."), this);
    m_noMatch->setObjectName(QStringLiteral("encoderNoMatch"));
    m_noMatch->setWordWrap(true);
    m_noMatch->hide();

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("encoderDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setMinimumWidth(260);
    m_details->setText(tr("Select an encoder to see what it supports."));

    auto* left = new QVBoxLayout;
    left->addWidget(m_search);
    left->addWidget(m_list, 1);
    left->addWidget(m_noMatch);

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addWidget(m_details, 2);

    // Up/Down in the search box walk the list, as in a completer popup.
    m_search->installEventFilter(this);

    connect(m_search, &QLineEdit::textChanged, this, &EncoderPage::applyFilter);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* current) {
        showDetails(current);
        emit encoderIdChanged(encoderId());
        emit completeChanged();
    });
    // Enter in the search box picks the first match, so the page works without a mouse.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        for (int row = 0; row < m_list->count(); ++row) {
            if (!m_list->item(row)->isHidden()) {
                m_list->setCurrentRow(row);
                m_list->setFocus();
                return;
            }
        }
    });
}

bool EncoderPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up || key == Qt::Key_PageDown || key == Qt::Key_PageUp) {
            if (m_list->currentItem() == nullptr || m_list->currentItem()->isHidden()) {
                for (int row = 0; row < m_list->count(); ++row) {
                    if (!m_list->item(row)->isHidden()) {
                        m_list->setCurrentRow(row);
                        break;
                    }
                }
                return true;
            }
            QKeyEvent forwarded(QEvent::KeyPress, key, Qt::NoModifier);
            QCoreApplication::sendEvent(m_list, &forwarded);
            return true;
        }
    }
    return QWizardPage::eventFilter(watched, event);
}

QString EncoderPage::encoderId() const
{
    if (m_list == nullptr)
        return {};
    const QListWidgetItem* item = m_list->currentItem();
    if (item == nullptr || item->isHidden())
        return {};
    return item->data(kEncoderIdRole).toString();
}

void EncoderPage::initializePage()
{
    if (m_list == nullptr)
        buildContent();
    // A returning user starts where they left off; a choice made in this run wins.
    if (m_list->currentItem() != nullptr)
        return;
    const QString rememberedId = RememberedTarget::load().encoderId;
    if (rememberedId.isEmpty())
        return;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kEncoderIdRole).toString() == rememberedId) {
            m_list->setCurrentRow(row);
            break;
        }
    }
}

bool EncoderPage::isComplete() const
{
    return !encoderId().isEmpty();
}

int EncoderPage::nextId() const
{
    return MainWizard::IngestUrlPageId;
}

void EncoderPage::applyFilter(const QString& text)
{
    QStringList matching;
    for (const EncoderInfo& encoder : m_encoders.search(text))
        matching << encoder.id;
    int visible = 0;
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        const bool show = matching.contains(item->data(kEncoderIdRole).toString());
        item->setHidden(!show);
        visible += show ? 1 : 0;
    }
    m_noMatch->setVisible(visible == 0);
    emit encoderIdChanged(encoderId());
    emit completeChanged();
}

void EncoderPage::showDetails(const QListWidgetItem* item)
{
    const EncoderInfo* encoder = item ? m_encoders.find(item->data(kEncoderIdRole).toString()) : nullptr;
    if (encoder == nullptr) {
        m_details->setText(tr("Select an encoder to see what it supports."));
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3>").arg(encoder->name.toHtmlEscaped());
    if (!encoder->vendor.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(encoder->vendor.toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(tr("Can send:"), encoder->schemes.join(QStringLiteral(", ")).toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(tr("Stream key:"), encoder->needsStreamKey ? tr("needed") : tr("not used"));
    if (!encoder->errorsWhere.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("Its errors appear:"), encoder->errorsWhere.toHtmlEscaped());
    if (!encoder->logsWhere.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Its log:"), encoder->logsWhere.toHtmlEscaped());
    html += htmlList(encoder->notes);
    m_details->setText(html);
}

} // namespace rd
