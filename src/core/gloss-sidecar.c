/* gloss-sidecar.c: the ARTICLE.annotations.json file: where it lives, reading and writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is specified in docs/annotation-format.md; gloss-sidecar-reader.c reads it and
 * gloss-sidecar-writer.c writes it. This file finds where the sidecar lives and reads and
 * writes its bytes safely (no symlinks followed, atomic replacement).
 *
 * Nothing here keeps state: every function can run in any thread.
 */

#define G_LOG_DOMAIN "gloss-sidecar"

#include "config.h"

#include "gloss-sidecar.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#ifndef O_NOFOLLOW
# define O_NOFOLLOW 0
#endif
#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif

G_DEFINE_QUARK (gloss-sidecar-error-quark, gloss_sidecar_error)

/**
 * gloss_sidecar_contents_new:
 *
 * Returns: (transfer full): empty contents, to fill and serialise
 */
GlossSidecarContents *
gloss_sidecar_contents_new (void)
{
  GlossSidecarContents *contents = g_new0 (GlossSidecarContents, 1);

  contents->text_model = 1;
  contents->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  contents->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return contents;
}

void
gloss_sidecar_contents_free (GlossSidecarContents *contents)
{
  if (contents == NULL)
    return;

  g_free (contents->file);
  g_free (contents->sha256);
  g_ptr_array_unref (contents->annotations);
  g_hash_table_unref (contents->deleted);
  g_free (contents);
}

/**
 * gloss_sidecar_get_next_to:
 *
 * Returns: (transfer full): where the sidecar of @article is when it is next to it
 */
GFile *
gloss_sidecar_get_next_to (GFile *article)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (article), NULL);

  parent = g_file_get_parent (article);
  basename = g_file_get_basename (article);
  g_return_val_if_fail (parent != NULL && basename != NULL, NULL);

  name = g_strconcat (basename, GLOSS_SIDECAR_SUFFIX, NULL);

  return g_file_get_child (parent, name);
}

/**
 * gloss_sidecar_get_fallback:
 *
 * Returns: (transfer full): where the sidecar of @article is when its folder cannot be
 *   written: `$XDG_DATA_HOME/io.github.glossreader.Gloss/annotations/SHA-NAME.annotations.json`
 *   where SHA is the SHA-256 of the article's absolute path (or URI) and NAME its basename
 */
GFile *
gloss_sidecar_get_fallback (GFile *article)
{
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *name = NULL;
  g_autofree char *full = NULL;

  g_return_val_if_fail (G_IS_FILE (article), NULL);

  path = g_file_get_path (article);
  if (path == NULL)
    path = g_file_get_uri (article);
  basename = g_file_get_basename (article);
  sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  name = g_strdup_printf ("%s-%s%s", sha256, basename, GLOSS_SIDECAR_SUFFIX);
  full = g_build_filename (g_get_user_data_dir (), APP_ID, "annotations", name, NULL);

  return g_file_new_for_path (full);
}

/* Files opened through the document portal (a Flatpak granted only the file) appear under
 * /run/user/UID/doc/ID/; their folder is not the article's real folder. */
static gboolean
is_document_portal_path (const char *path)
{
  const char *p;

  if (!g_str_has_prefix (path, "/run/user/"))
    return FALSE;

  p = strchr (path + strlen ("/run/user/"), '/');

  return p != NULL && g_str_has_prefix (p, "/doc/");
}

/**
 * gloss_sidecar_can_write_next_to:
 *
 * Returns: whether a sidecar can be written in the folder of @article
 */
gboolean
gloss_sidecar_can_write_next_to (GFile *article)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (article), FALSE);

  parent = g_file_get_parent (article);
  if (parent == NULL || (path = g_file_get_path (parent)) == NULL)
    return FALSE;
  if (is_document_portal_path (path))
    return FALSE;

  return g_access (path, W_OK | X_OK) == 0;
}

static gboolean
exists_nofollow (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
         != G_FILE_TYPE_UNKNOWN;
}

/**
 * gloss_sidecar_locate:
 * @is_fallback: (out) (optional): whether the result is the fallback location
 *
 * Finds the sidecar of @article: next to it when there is one there, else in the fallback
 * location when there is one there, else where a new one would be written (next to the
 * article when its folder can be written). A symbolic link next to the article counts as
 * a sidecar there, so that reading and writing refuse it instead of going elsewhere.
 *
 * Returns: (transfer full): the sidecar's location
 */
GFile *
gloss_sidecar_locate (GFile    *article,
                      gboolean *is_fallback)
{
  g_autoptr(GFile) next_to = NULL;
  g_autoptr(GFile) fallback = NULL;
  gboolean use_fallback;

  g_return_val_if_fail (G_IS_FILE (article), NULL);

  next_to = gloss_sidecar_get_next_to (article);
  fallback = gloss_sidecar_get_fallback (article);

  if (exists_nofollow (next_to))
    use_fallback = FALSE;
  else if (exists_nofollow (fallback))
    use_fallback = TRUE;
  else
    use_fallback = !gloss_sidecar_can_write_next_to (article);

  if (is_fallback != NULL)
    *is_fallback = use_fallback;

  return g_object_ref (use_fallback ? fallback : next_to);
}

static gboolean
local_path (GFile   *file,
            char   **path,
            GError **error)
{
  *path = g_file_get_path (file);
  if (*path == NULL)
    {
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NOT_LOCAL,
                           "annotations can only be kept in local folders");
      return FALSE;
    }

  return TRUE;
}

static void
symlink_error (GError **error)
{
  g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_SYMLINK,
                       "the annotation file is a symbolic link, which Gloss does not follow");
}

/**
 * gloss_sidecar_read:
 *
 * Reads the bytes of a sidecar, refusing a symbolic link.
 *
 * Returns: (transfer full): the bytes, or %NULL with an error (%G_IO_ERROR_NOT_FOUND when
 *   there is no file)
 */
GBytes *
gloss_sidecar_read (GFile         *sidecar,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  g_return_val_if_fail (G_IS_FILE (sidecar), NULL);

  if (!local_path (sidecar, &path, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* O_NONBLOCK: a FIFO in the sidecar's place must not hang us; it is refused below. */
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ELOOP)
        symlink_error (error);
      else
        g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved),
                             g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           "the annotation file is not a regular file");
      close (fd);
      return NULL;
    }
  if (st.st_size > GLOSS_SIDECAR_MAX_SIZE)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_TOO_LARGE,
                   "too large for an annotation file (%lld bytes)", (long long) st.st_size);
      close (fd);
      return NULL;
    }

  data = g_malloc (st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved),
                               g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      done += n;
    }
  close (fd);

  return g_bytes_new_take (g_steal_pointer (&data), done);
}

/**
 * gloss_sidecar_write:
 *
 * Writes a sidecar atomically: a temporary file in the same folder, flushed to disk, then
 * renamed over the old one, so that a crash leaves the old file or the new one, never a
 * truncated one. Refuses to replace a symbolic link.
 */
gboolean
gloss_sidecar_write (GFile         *sidecar,
                     const char    *data,
                     gsize          len,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  GStatBuf st;

  g_return_val_if_fail (G_IS_FILE (sidecar), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!local_path (sidecar, &path, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      symlink_error (error);
      return FALSE;
    }

  return g_file_set_contents_full (path, data, len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0666, error);
}
