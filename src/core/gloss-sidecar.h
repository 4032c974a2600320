/* gloss-sidecar.h: the ARTICLE.annotations.json file: where it lives, reading and writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation.h"

G_BEGIN_DECLS

/* The newest sidecar version this Gloss reads and the one it writes. */
#define GLOSS_SIDECAR_VERSION        1
/* Deletions are remembered this long, so that a copy edited elsewhere cannot resurrect them. */
#define GLOSS_SIDECAR_TOMBSTONE_DAYS 90
#define GLOSS_SIDECAR_SUFFIX         ".annotations.json"
/* A sidecar of 20,000 annotations with long notes is about 10 MiB; this is far beyond. */
#define GLOSS_SIDECAR_MAX_SIZE       (256 * 1024 * 1024)

#define GLOSS_SIDECAR_ERROR (gloss_sidecar_error_quark ())

typedef enum
{
  GLOSS_SIDECAR_ERROR_CORRUPT,
  GLOSS_SIDECAR_ERROR_NEWER_VERSION,
  GLOSS_SIDECAR_ERROR_SYMLINK,
  GLOSS_SIDECAR_ERROR_TOO_LARGE,
  GLOSS_SIDECAR_ERROR_READ_ONLY,
  GLOSS_SIDECAR_ERROR_NOT_LOCAL,
} GlossSidecarError;

typedef struct _GlossSidecarLock GlossSidecarLock;

/* What one sidecar file holds. */
typedef struct
{
  char       *file;         /* the article's basename */
  char       *sha256;
  guint       length;
  guint       text_model;
  GPtrArray  *annotations;  /* of GlossAnnotation */
  GHashTable *deleted;      /* id → deletion time */
} GlossSidecarContents;

GQuark                gloss_sidecar_error_quark       (void);

GlossSidecarContents *gloss_sidecar_contents_new      (void);
void                  gloss_sidecar_contents_free     (GlossSidecarContents *contents);

GlossSidecarContents *gloss_sidecar_parse             (const char           *data,
                                                       gsize                 len,
                                                       GError              **error);
char                 *gloss_sidecar_serialize         (GlossSidecarContents *contents,
                                                       gsize                *len);

GFile                *gloss_sidecar_get_next_to       (GFile                *article);
GFile                *gloss_sidecar_get_fallback      (GFile                *article);
gboolean              gloss_sidecar_can_write_next_to (GFile                *article);
GFile                *gloss_sidecar_locate            (GFile                *article,
                                                       gboolean             *is_fallback);

gboolean              gloss_sidecar_is_place_taken    (const GError         *error);

GBytes               *gloss_sidecar_read              (GFile                *sidecar,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
gboolean              gloss_sidecar_replace           (GFile                *sidecar,
                                                       const char           *data,
                                                       gsize                 len,
                                                       GBytes               *expected,
                                                       GBytes              **displaced,
                                                       GCancellable         *cancellable,
                                                       GError              **error);

GlossSidecarLock     *gloss_sidecar_lock              (GFile                *sidecar,
                                                       GError              **error);
void                  gloss_sidecar_unlock            (GlossSidecarLock     *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSidecarContents, gloss_sidecar_contents_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSidecarLock, gloss_sidecar_unlock)

G_END_DECLS
