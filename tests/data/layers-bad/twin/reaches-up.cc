// A fixture for tests/tools/check_layers.py: the twin reaching up to the engine.
#include "sim/engine.h"
#include <ns3/core-module.h>
