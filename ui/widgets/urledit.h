#pragma once

#include "severity.h"

#include <QList>
#include <QPlainTextEdit>

namespace rd {

// A one-line editor that can underline parts of its text, the way a spell
// checker does, and explain each underline on hover. QLineEdit cannot format
// ranges, so this is a QPlainTextEdit held to a single visual line. Pasted
// line breaks are kept (not silently dropped) so the linter can point at them.
class UrlEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    struct Mark
    {
        qsizetype start = 0;
        qsizetype length = 0;
        Severity severity = Severity::Warning;
        QString message;
    };

    explicit UrlEdit(QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    void setMarks(const QList<Mark>& marks);
    QList<Mark> marks() const { return m_marks; }
    void selectRange(qsizetype start, qsizetype length);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void returnPressed();

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QList<Mark> m_marks;
};

QColor severityColor(Severity severity);

} // namespace rd
