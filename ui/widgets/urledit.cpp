#include "urledit.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QTextBlock>
#include <QToolTip>

namespace rd {

QColor severityColor(Severity severity)
{
    // Chosen to stay distinguishable on light and dark palettes.
    switch (severity) {
    case Severity::Error:
        return QColor(0xd3, 0x2f, 0x2f);
    case Severity::Warning:
        return QColor(0xe0, 0x8a, 0x00);
    case Severity::Info:
        return QColor(0x1e, 0x88, 0xe5);
    }
    return QColor(Qt::gray);
}

UrlEdit::UrlEdit(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(true);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(3);
}

QString UrlEdit::text() const
{
    return toPlainText();
}

void UrlEdit::setText(const QString& text)
{
    setPlainText(text);
}

void UrlEdit::setMarks(const QList<Mark>& marks)
{
    m_marks = marks;
    QList<QTextEdit::ExtraSelection> selections;
    const int documentLength = document()->characterCount() - 1;
    for (const Mark& mark : marks) {
        if (mark.start < 0 || mark.start > documentLength)
            continue;
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(document());
        selection.cursor.setPosition(static_cast<int>(mark.start));
        // A zero-length problem (e.g. "something is missing here") still gets one
        // visible character underlined, or the end of the text.
        const qsizetype end =
            std::min<qsizetype>(mark.start + std::max<qsizetype>(mark.length, 1), documentLength);
        selection.cursor.setPosition(static_cast<int>(std::max(end, mark.start)), QTextCursor::KeepAnchor);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(severityColor(mark.severity));
        selections << selection;
    }
    setExtraSelections(selections);
}

void UrlEdit::selectRange(qsizetype start, qsizetype length)
{
    QTextCursor cursor(document());
    const int documentLength = document()->characterCount() - 1;
    cursor.setPosition(static_cast<int>(std::clamp<qsizetype>(start, 0, documentLength)));
    cursor.setPosition(static_cast<int>(std::clamp<qsizetype>(start + length, 0, documentLength)),
                       QTextCursor::KeepAnchor);
    setTextCursor(cursor);
    setFocus();
}

QSize UrlEdit::sizeHint() const
{
    const int height = fontMetrics().lineSpacing() + 2 * static_cast<int>(document()->documentMargin()) +
                       2 * frameWidth() + 4;
    return {QPlainTextEdit::sizeHint().width(), height};
}

QSize UrlEdit::minimumSizeHint() const
{
    return {120, sizeHint().height()};
}

bool UrlEdit::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QPoint viewportPos = viewport()->mapFrom(this, help->pos());
        const int position = cursorForPosition(viewportPos).position();
        QStringList messages;
        for (const Mark& mark : std::as_const(m_marks)) {
            const qsizetype end = mark.start + std::max<qsizetype>(mark.length, 1);
            if (position >= mark.start && position <= end)
                messages << mark.message;
        }
        if (messages.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), messages.join(QLatin1Char('\n')), this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

void UrlEdit::keyPressEvent(QKeyEvent* event)
{
    // Return belongs to the dialog (Next), not to a new line in a URL.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        emit returnPressed();
        event->ignore();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace rd
