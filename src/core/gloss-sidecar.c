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
/* renameat2 () */
#define _GNU_SOURCE

#include "config.h"

#include "gloss-sidecar.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
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

/**
 * gloss_sidecar_is_place_taken:
 * @error: an error from gloss_sidecar_read() or gloss_sidecar_replace()
 *
 * Returns: whether @error says that a symbolic link or something other than a file is
 *   where the sidecar should be, which Gloss never reads or writes through
 */
gboolean
gloss_sidecar_is_place_taken (const GError *error)
{
  return g_error_matches (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_SYMLINK)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
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

struct _GlossSidecarLock
{
  int fd;
};

/**
 * gloss_sidecar_lock:
 *
 * Locks the folder of @sidecar against other Gloss processes that save there, so that
 * their read, merge and write cannot interleave with ours: two processes that both read
 * the file, each add an annotation and both write would lose one of them. Waits until
 * the lock is free; saves are short. On a file system without locks this locks nothing,
 * and gloss_sidecar_replace() still finds most races.
 *
 * Returns: (transfer full): the lock, or %NULL with an error when the folder cannot be
 *   opened (%G_IO_ERROR_NOT_FOUND when it is gone)
 */
GlossSidecarLock *
gloss_sidecar_lock (GFile   *sidecar,
                    GError **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;
  GlossSidecarLock *lock;
  int fd;

  g_return_val_if_fail (G_IS_FILE (sidecar), NULL);

  parent = g_file_get_parent (sidecar);
  if (parent == NULL || !local_path (parent, &path, error))
    return NULL;

  fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot open the folder %s: %s", display, g_strerror (saved));
      return NULL;
    }

  /* flock(), not fcntl(): it also works on a folder opened read-only. */
  while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
    ;

  lock = g_new0 (GlossSidecarLock, 1);
  lock->fd = fd;

  return lock;
}

void
gloss_sidecar_unlock (GlossSidecarLock *lock)
{
  if (lock == NULL)
    return;

  close (lock->fd);
  g_free (lock);
}

static void
errno_error (GError     **error,
             int          saved,
             const char  *what,
             const char  *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (name);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s %s: %s", what, display,
               g_strerror (saved));
}

static gboolean
write_temporary (int          fd,
                 const char  *data,
                 gsize        len,
                 const char  *path,
                 GError     **error)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          errno_error (error, errno, "could not write", path);
          return FALSE;
        }
      done += n;
    }

  /* Durable before it replaces the old file: a power cut must not leave an empty one. */
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      errno_error (error, errno, "could not write", path);
      return FALSE;
    }

  return TRUE;
}

/* Whether renameat2() flags are not supported here (old kernels, some file systems). */
static gboolean
flags_unsupported (int saved)
{
  return saved == EINVAL || saved == ENOSYS || saved == ENOTSUP || saved == EOPNOTSUPP;
}

/**
 * gloss_sidecar_replace:
 * @expected: (nullable): the bytes the caller read from @sidecar before (%NULL: no file)
 * @displaced: (out) (optional) (nullable): what was really replaced, when it is not
 *   @expected: another program wrote the file between the caller's read and this write
 *
 * Writes a sidecar atomically: a temporary file in the same folder, flushed to disk, then
 * swapped with the old one, so that a crash leaves the old file or the new one, never a
 * truncated one. The swap (RENAME_EXCHANGE) keeps what it replaced, so that a write by
 * another program that came in between is not lost: it comes back in @displaced, for the
 * caller to merge and write again. Refuses to replace a symbolic link or anything but a
 * regular file, and never follows a link: the file is replaced inside the folder.
 *
 * A file that did not exist is created only if it still does not (RENAME_NOREPLACE).
 * The new file keeps the permissions of the old one.
 */
gboolean
gloss_sidecar_replace (GFile         *sidecar,
                       const char    *data,
                       gsize          len,
                       GBytes        *expected,
                       GBytes       **displaced,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  g_autofree char *tmp = NULL;
  GStatBuf st;
  gboolean existed;
  int fd, r;

  g_return_val_if_fail (G_IS_FILE (sidecar), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (displaced != NULL)
    *displaced = NULL;
  if (!local_path (sidecar, &path, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  existed = g_lstat (path, &st) == 0;
  if (existed && S_ISLNK (st.st_mode))
    {
      symlink_error (error);
      return FALSE;
    }
  if (existed && !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           "the annotation file is not a regular file");
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  /* hidden, so that one left by a crash does not clutter the folder */
  template = g_strdup_printf (".%s.XXXXXX", base);
  tmp = g_build_filename (dir, template, NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "could not write in the folder %s: %s", display, g_strerror (saved));
      return FALSE;
    }
  if (existed)
    fchmod (fd, st.st_mode & 07777);
  if (!write_temporary (fd, data, len, path, error))
    {
      close (fd);
      g_unlink (tmp);
      return FALSE;
    }
  if (close (fd) != 0 && errno != EINTR)
    {
      errno_error (error, errno, "could not write", path);
      g_unlink (tmp);
      return FALSE;
    }

  r = -1;
  errno = EEXIST;
  if (!existed)
    r = renameat2 (AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
  if (r != 0 && errno == EEXIST)
    {
      r = renameat2 (AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE);
      if (r == 0)
        {
          g_autoptr(GFile) old = g_file_new_for_path (tmp);
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) read_error = NULL;

          bytes = gloss_sidecar_read (old, NULL, &read_error);
          if (bytes == NULL && !g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            {
              /* Someone put a link or a folder there meanwhile: put it back. */
              renameat2 (AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE);
              g_unlink (tmp);
              g_propagate_error (error, g_steal_pointer (&read_error));
              return FALSE;
            }
          g_unlink (tmp);
          if (displaced != NULL && bytes != NULL
              && (expected == NULL || !g_bytes_equal (bytes, expected)))
            *displaced = g_steal_pointer (&bytes);
        }
    }
  if (r != 0 && (flags_unsupported (errno) || errno == ENOENT))
    r = g_rename (tmp, path);
  if (r != 0)
    {
      errno_error (error, errno, "could not replace", path);
      g_unlink (tmp);
      return FALSE;
    }

  /* the rename itself durable too */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  return TRUE;
}
