#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;

namespace rd {

// A check box whose text wraps: QCheckBox cannot wrap, and checklist items
// are whole sentences that would otherwise widen the page. Clicking the text
// toggles the box, as with a normal check box; the box carries the focus, the
// accessible name and the object name.
class CheckItem : public QWidget
{
    Q_OBJECT

public:
    explicit CheckItem(const QString& text, QWidget* parent = nullptr);

    QCheckBox* checkBox() const { return m_box; }
    QLabel* label() const { return m_label; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QCheckBox* m_box = nullptr;
    QLabel* m_label = nullptr;
};

} // namespace rd
