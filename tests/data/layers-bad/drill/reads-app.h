// A fixture for tests/tools/check_layers.py: the drill layer reading the command line's header.
#include "app/cli.h"
