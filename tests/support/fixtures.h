#pragma once

// Everything the test support library offers, for tests that use several fixtures.
#include "freeport.h"
#include "loopbackdrop.h"
#include "managedprocess.h"
#include "nginxrtmpfixture.h"
#include "rawexchange.h"
#include "scriptedpeer.h"
#include "serverfixture.h"
#include "stunnelfixture.h"
#include "testcertificates.h"
#include "testtools.h"
#include "tinyproxyfixture.h"
