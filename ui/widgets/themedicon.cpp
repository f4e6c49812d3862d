#include "themedicon.h"

#include <QApplication>
#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

namespace rd {

namespace {

using namespace Qt::StringLiterals;

class ThemedSvgIconEngine : public QIconEngine
{
public:
    explicit ThemedSvgIconEngine(QByteArray svgTemplate)
        : m_svgTemplate(std::move(svgTemplate))
    {}

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override
    {
        QSvgRenderer renderer(svgFor(mode));
        if (renderer.isValid())
            renderer.render(painter, QRectF(rect));
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // `size` is in device pixels already (QIcon::pixmap multiplies by the ratio before asking).
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            paint(&painter, QRect(QPoint(0, 0), pixmap.size()), mode, state);
        }
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QIconEngine* clone() const override { return new ThemedSvgIconEngine(m_svgTemplate); }
    QString key() const override { return u"rd-themed-svg"_s; }
    bool isNull() override { return m_svgTemplate.isEmpty(); }

private:
    QByteArray svgFor(QIcon::Mode mode) const
    {
        const QPalette palette = QApplication::palette();
        QColor colour = palette.color(QPalette::Active, QPalette::ButtonText);
        if (mode == QIcon::Disabled)
            colour = palette.color(QPalette::Disabled, QPalette::ButtonText);
        else if (mode == QIcon::Selected)
            colour = palette.color(QPalette::Active, QPalette::HighlightedText);
        QByteArray svg = m_svgTemplate;
        svg.replace("currentColor", colour.name(QColor::HexRgb).toLatin1());
        return svg;
    }

    QByteArray m_svgTemplate;
};

} // namespace

QIcon themedIcon(const QString& name)
{
    QFile file(u":/ui-icons/"_s + name + u".svg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QIcon(new ThemedSvgIconEngine(file.readAll()));
}

} // namespace rd
