/* gloss-sidecar.h: placeholder, being written */
#pragma once
#include <glib.h>
