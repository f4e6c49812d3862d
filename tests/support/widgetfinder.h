#pragma once

// For the GUI tests (they link the ui library, so Qt Widgets is there): a widget of the wizard by
// its objectName, with a warning naming the one that is missing, so a renamed widget shows up as
// that warning before the null pointer.
#include <QString>
#include <QWidget>
#include <QtGlobal>

namespace rd::test {

template <typename T>
T* findWidget(QWidget* root, const char* name)
{
    T* widget = root->findChild<T*>(QString::fromLatin1(name));
    if (widget == nullptr)
        qWarning("no widget named %s", name);
    return widget;
}

} // namespace rd::test
