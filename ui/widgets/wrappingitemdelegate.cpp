#include "wrappingitemdelegate.h"

#include <QHeaderView>
#include <QTimer>
#include <QTreeView>

#include <algorithm>

namespace rd {

WrappingItemDelegate::WrappingItemDelegate(QTreeView* view)
    : QStyledItemDelegate(view)
    , m_view(view)
{
    view->setWordWrap(true);
    view->setUniformRowHeights(false);
    // Later, not inside the header's own resize: the columns have their final widths then.
    connect(view->header(), &QHeaderView::sectionResized, this,
            [this] { QTimer::singleShot(0, m_view, [view = m_view] { view->doItemsLayout(); }); });
}

QSize WrappingItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize hint = QStyledItemDelegate::sizeHint(option, index);
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty())
        return hint;
    int width = m_view->columnWidth(index.column());
    if (index.column() == 0) {
        int depth = m_view->rootIsDecorated() ? 1 : 0;
        for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
            ++depth;
        width -= depth * m_view->indentation();
    }
    // The style's text margins on both sides, and room for an icon when there is one.
    width -= 12;
    if (!index.data(Qt::DecorationRole).isNull())
        width -= m_view->iconSize().width() + 4;
    const QRect wrapped =
        option.fontMetrics.boundingRect(QRect(0, 0, std::max(width, 40), 1 << 20), Qt::TextWordWrap, text);
    hint.setHeight(std::max(hint.height(), wrapped.height() + 6));
    return hint;
}

} // namespace rd
