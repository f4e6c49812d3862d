#pragma once

#include <QImage>
#include <QWidget>

namespace rd {

// The camera's latest frame, scaled to fit with its aspect ratio kept; a hint while there is none.
class FramePreview : public QWidget
{
    Q_OBJECT

public:
    explicit FramePreview(QWidget* parent = nullptr);

    void setFrame(const QImage& frame);
    void clear();
    void setPlaceholderText(const QString& text);
    bool hasFrame() const { return !m_frame.isNull(); }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_frame;
    QString m_placeholder;
};

} // namespace rd
