// Must not compile: core/ code reaching for a Widgets class header.
#include <QWizard>

int coreWidgetsProbe() { return 0; }
