#pragma once

#include <QStyledItemDelegate>

class QTreeView;

namespace rd {

// Row heights for word-wrapped text in a tree view. QTreeView wraps text
// (wordWrap) only inside the height the delegate asks for, and the standard
// delegate asks for one line; this one measures the text against the column's
// current width. The view re-lays out its rows when a column changes width.
class WrappingItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit WrappingItemDelegate(QTreeView* view);

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    QTreeView* m_view = nullptr;
};

} // namespace rd
