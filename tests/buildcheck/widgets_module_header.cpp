// Must not compile: core/ code reaching for the Widgets module by its path.
#include <QtWidgets/QWidget>

int coreWidgetsProbe() { return 0; }
