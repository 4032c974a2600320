/* gloss-text-decoder.h: bytes of a text file to normalised UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-article-error.h"

G_BEGIN_DECLS

char      *gloss_text_decode              (const char  *data,
                                           gsize        len,
                                           gsize       *out_len,
                                           GError     **error);
char      *gloss_text_decode_windows_1252 (const char  *data,
                                           gsize        len,
                                           gsize       *out_len);
gboolean   gloss_text_looks_binary        (const char  *data,
                                           gsize        len);

G_END_DECLS
