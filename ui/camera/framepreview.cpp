#include "framepreview.h"

#include <QPainter>

namespace rd {

FramePreview::FramePreview(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setMinimumSize(160, 120);
}

void FramePreview::setFrame(const QImage& frame)
{
    // A preview never needs more than the screen shows of it.
    m_frame = frame.width() > 640 ? frame.scaledToWidth(640, Qt::FastTransformation) : frame;
    update();
}

void FramePreview::clear()
{
    m_frame = QImage();
    update();
}

void FramePreview::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

QSize FramePreview::sizeHint() const
{
    return {240, 180};
}

void FramePreview::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Dark));
    if (m_frame.isNull()) {
        painter.setPen(palette().color(QPalette::BrightText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    QSize fitted = m_frame.size();
    fitted.scale(size(), Qt::KeepAspectRatio);
    QRect target(QPoint(0, 0), fitted);
    target.moveCenter(rect().center());
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, m_frame);
}

} // namespace rd
