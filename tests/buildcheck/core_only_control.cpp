// Must compile: what core/ code is allowed to include.
#include <QString>
#include <QTcpSocket>

int coreWidgetsProbeControl() { return QString().size(); }
