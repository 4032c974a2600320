/* test-save-faults.c: the annotation set's save under faults, through the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts that need no mounts: a write that comes in between our read and our write, a
 * writer that puts back an older copy, a link in the sidecar's place, the article's
 * folder gone, and a fallback copy merged back. tests/faults/test-faults.sh does the full
 * disk, the read-only folder, permission denied and several processes.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-sidecar.h"

#define TEXT "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu.\n"

typedef struct
{
  char         *dir;
  char         *path;
  char         *sidecar;
  char         *fallback;
  GlossArticle *article;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) fallback = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-save-faults-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "story.txt", NULL);
  fixture->sidecar = g_strconcat (fixture->path, GLOSS_SIDECAR_SUFFIX, NULL);
  g_assert_true (g_file_set_contents (fixture->path, TEXT, -1, NULL));
  file = g_file_new_for_path (fixture->path);
  fixture->article = gloss_article_load (file, NULL, NULL);
  g_assert_nonnull (fixture->article);
  fallback = gloss_sidecar_get_fallback (file);
  fixture->fallback = g_file_get_path (fallback);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      if (g_rmdir (child) != 0)
        g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_remove (fixture->fallback);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->sidecar);
  g_free (fixture->fallback);
  g_object_unref (fixture->article);
}

static GlossAnnotationSet *
load (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set = gloss_annotation_set_new_for_article (fixture->article);

  g_assert_true (gloss_annotation_set_load (set, NULL, &error));
  g_assert_no_error (error);
  return set;
}

static void
add (GlossAnnotationSet *set,
     Fixture            *fixture,
     guint               start)
{
  g_autoptr(GlossAnnotation) annotation =
    gloss_annotation_new_for_article (fixture->article, start, start + 4);

  g_assert_true (gloss_annotation_set_add (set, annotation));
}

static void
save (GlossAnnotationSet *set)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_annotation_set_save (set, NULL, &error));
  g_assert_no_error (error);
}

static guint
n_in (Fixture *fixture)
{
  g_autoptr(GlossAnnotationSet) set = load (fixture);

  return g_list_model_get_n_items (G_LIST_MODEL (set));
}

static guint
n_items (GlossAnnotationSet *set)
{
  return g_list_model_get_n_items (G_LIST_MODEL (set));
}

/* The swap gives back what it replaced when that is not what the caller had read. */
static void
test_replace_displaced (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) sidecar = g_file_new_for_path (fixture->sidecar);
  g_autoptr(GBytes) read = g_bytes_new_static ("ours-read", 9);
  g_autoptr(GBytes) displaced = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  /* no file, and none came: nothing displaced */
  g_assert_true (gloss_sidecar_replace (sidecar, "one", 3, NULL, &displaced, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (displaced);

  /* what was read is what was there: nothing displaced */
  g_clear_pointer (&read, g_bytes_unref);
  read = g_bytes_new_static ("one", 3);
  g_assert_true (gloss_sidecar_replace (sidecar, "two", 3, read, &displaced, NULL, &error));
  g_assert_null (displaced);

  /* someone wrote "theirs" after we read "two" */
  g_assert_true (g_file_set_contents (fixture->sidecar, "theirs", -1, NULL));
  g_clear_pointer (&read, g_bytes_unref);
  read = g_bytes_new_static ("two", 3);
  g_assert_true (gloss_sidecar_replace (sidecar, "three", 5, read, &displaced, NULL, &error));
  g_assert_nonnull (displaced);
  g_assert_cmpmem (g_bytes_get_data (displaced, NULL), g_bytes_get_size (displaced), "theirs", 6);
  g_assert_true (g_file_get_contents (fixture->sidecar, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "three");
  g_clear_pointer (&displaced, g_bytes_unref);

  /* we saw no file, but one came meanwhile */
  g_assert_true (gloss_sidecar_replace (sidecar, "four", 4, NULL, &displaced, NULL, &error));
  g_assert_nonnull (displaced);
  g_assert_cmpmem (g_bytes_get_data (displaced, NULL), g_bytes_get_size (displaced), "three", 5);

  /* and no temporary file is left */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);
}

/* A sync tool puts back an older copy without what we added: the next save (with nothing
 * changed here) writes it again. */
static void
test_older_copy (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = load (fixture);
  g_autofree char *old = NULL;
  gsize len;

  add (set, fixture, 0);
  save (set);
  g_assert_true (g_file_get_contents (fixture->sidecar, &old, &len, NULL));
  add (set, fixture, 6);
  save (set);
  g_assert_cmpuint (n_in (fixture), ==, 2);

  g_assert_true (g_file_set_contents (fixture->sidecar, old, len, NULL));
  g_assert_cmpuint (n_in (fixture), ==, 1);
  g_assert_false (gloss_annotation_set_get_dirty (set));
  save (set);
  g_assert_cmpuint (n_in (fixture), ==, 2);
  g_assert_cmpuint (n_items (set), ==, 2);
}

/* A link takes the sidecar's place: save refuses it; moved to the fallback location, the
 * save works, and loading again finds the annotations there and says why. */
static void
test_link_then_fallback (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = load (fixture);
  g_autoptr(GlossAnnotationSet) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *elsewhere = g_build_filename (fixture->dir, "elsewhere.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) where = NULL;
  gboolean is_fallback = FALSE;

  add (set, fixture, 0);
  save (set);
  g_assert_cmpint (g_rename (fixture->sidecar, elsewhere), ==, 0);
  g_assert_cmpint (symlink ("elsewhere.json", fixture->sidecar), ==, 0);
  g_assert_true (g_file_get_contents (elsewhere, &before, NULL, NULL));

  add (set, fixture, 6);
  g_assert_false (gloss_annotation_set_save (set, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_SYMLINK);
  g_assert_true (gloss_annotation_set_get_dirty (set));
  gloss_annotation_set_move_to_fallback (set, error);
  save (set);
  g_assert_true (g_file_get_contents (elsewhere, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_test (fixture->sidecar, G_FILE_TEST_IS_SYMLINK));

  again = load (fixture);
  g_assert_cmpuint (n_items (again), ==, 2);
  where = gloss_annotation_set_get_sidecar_file (again, &is_fallback);
  g_assert_true (is_fallback);
  g_assert_cmpstr (g_file_peek_path (where), ==, fixture->fallback);
  g_assert_error ((GError *) gloss_annotation_set_get_fallback_reason (again),
                  GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_SYMLINK);
}

/* The article's folder goes while the annotations are open: they are saved in the
 * fallback location, and the set says why. */
static void
test_folder_gone (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = load (fixture);
  g_autoptr(GFile) where = NULL;
  gboolean is_fallback = FALSE;

  add (set, fixture, 0);
  save (set);
  g_assert_cmpint (g_remove (fixture->sidecar), ==, 0);
  g_assert_cmpint (g_remove (fixture->path), ==, 0);
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);

  add (set, fixture, 6);
  save (set);
  where = gloss_annotation_set_get_sidecar_file (set, &is_fallback);
  g_assert_true (is_fallback);
  g_assert_error ((GError *) gloss_annotation_set_get_fallback_reason (set),
                  G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_file_test (fixture->fallback, G_FILE_TEST_IS_REGULAR));
  g_mkdir (fixture->dir, 0755);
}

/* Annotations kept in the fallback location while the folder could not be written are
 * merged with the ones next to the article, saved there, and the fallback copy goes. */
static void
test_fallback_merged_back (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) here = load (fixture);
  g_autoptr(GlossAnnotationSet) there = load (fixture);
  g_autoptr(GlossAnnotationSet) both = NULL;
  g_autoptr(GError) reason = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_READ_ONLY, "test");

  add (here, fixture, 0);
  save (here);
  add (there, fixture, 6);
  gloss_annotation_set_move_to_fallback (there, reason);
  save (there);
  g_assert_cmpuint (n_items (there), ==, 1);

  both = load (fixture);
  g_assert_cmpuint (n_items (both), ==, 2);
  g_assert_true (gloss_annotation_set_get_dirty (both));
  save (both);
  g_assert_false (g_file_test (fixture->fallback, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_in (fixture), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/gloss/save-faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("replace-displaced", test_replace_displaced);
  ADD ("older-copy", test_older_copy);
  ADD ("link-then-fallback", test_link_then_fallback);
  ADD ("folder-gone", test_folder_gone);
  ADD ("fallback-merged-back", test_fallback_merged_back);

  return g_test_run ();
}
