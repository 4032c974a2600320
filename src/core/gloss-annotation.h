/* gloss-annotation.h: placeholder, being written */
#pragma once
#include <glib.h>
