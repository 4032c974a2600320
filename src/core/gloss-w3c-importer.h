/* gloss-w3c-importer.h: W3C Web Annotations (JSON-LD) read back onto an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"

G_BEGIN_DECLS

#define GLOSS_W3C_IMPORTER_ERROR (gloss_w3c_importer_error_quark ())

typedef enum
{
  GLOSS_W3C_IMPORTER_ERROR_INVALID,       /* not JSON, or not Web Annotations */
  GLOSS_W3C_IMPORTER_ERROR_OTHER_SOURCE,  /* annotations of other articles only */
} GlossW3cImporterError;

/* What gloss_w3c_importer_merge() did. */
typedef struct
{
  guint added;
  guint updated;    /* there already, and older than the imported one */
  guint unchanged;  /* there already, the same or newer; or deleted since */
} GlossW3cImportCounts;

GQuark     gloss_w3c_importer_error_quark (void);

GPtrArray *gloss_w3c_importer_parse       (GlossArticle          *article,
                                           const char            *data,
                                           gsize                  len,
                                           guint                 *n_skipped,
                                           GError               **error);
void       gloss_w3c_importer_merge       (GlossAnnotationSet    *set,
                                           GPtrArray             *annotations,
                                           GlossW3cImportCounts  *counts);

G_END_DECLS
