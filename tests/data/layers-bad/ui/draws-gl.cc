// A fixture for tests/tools/check_layers.py: a panel calling GL itself.
#include <GL/gl.h>
