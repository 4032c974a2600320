/* test-article.c: reading article files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gloss-folder.h"
#include "test-utils.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-test-article-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_chmod (path, 0644);
      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
test_format_guess (void)
{
  g_assert_cmpint (gloss_article_format_guess ("a.txt", NULL, 0), ==,
                   GLOSS_ARTICLE_FORMAT_PLAIN_TEXT);
  g_assert_cmpint (gloss_article_format_guess ("A.MD", NULL, 0), ==,
                   GLOSS_ARTICLE_FORMAT_MARKDOWN);
  g_assert_cmpint (gloss_article_format_guess ("page.htm", NULL, 0), ==,
                   GLOSS_ARTICLE_FORMAT_HTML);
  /* No known suffix: sniffed. */
  g_assert_cmpint (gloss_article_format_guess ("saved", "\xef\xbb\xbf  <!DOCTYPE html>", 20), ==,
                   GLOSS_ARTICLE_FORMAT_HTML);
  g_assert_cmpint (gloss_article_format_guess ("saved", "<HTML><body>", 12), ==,
                   GLOSS_ARTICLE_FORMAT_HTML);
  g_assert_cmpint (gloss_article_format_guess ("notes", "Hello <b>", 9), ==,
                   GLOSS_ARTICLE_FORMAT_PLAIN_TEXT);
  /* The suffix wins over the contents. */
  g_assert_cmpint (gloss_article_format_guess ("x.txt", "<html>", 6), ==,
                   GLOSS_ARTICLE_FORMAT_PLAIN_TEXT);

  g_assert_true (gloss_article_is_article_name ("story.md"));
  g_assert_true (gloss_article_is_article_name ("Story.HTML"));
  g_assert_false (gloss_article_is_article_name ("story.md.annotations.json"));
  g_assert_false (gloss_article_is_article_name (".hidden.txt"));
  g_assert_false (gloss_article_is_article_name ("photo.jpg"));
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "story.txt", "Headline\n\nBody text.\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossArticle) article = gloss_article_load (file, NULL, &error);
  g_autofree char *title = NULL;
  g_autofree char *sha256 = NULL;

  g_assert_no_error (error);
  g_assert_true (gloss_article_get_file (article) == file);
  g_assert_cmpint (gloss_article_get_format (article), ==, GLOSS_ARTICLE_FORMAT_PLAIN_TEXT);
  g_assert_cmpstr (gloss_article_get_text (article), ==, "Headline\n\nBody text.");
  sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "Headline\n\nBody text.", -1);
  g_assert_cmpstr (gloss_article_get_sha256 (article), ==, sha256);
  title = gloss_article_dup_display_title (article);
  g_assert_cmpstr (title, ==, "Headline");
}

static void
test_display_title_fallback (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "notes.txt", "Just one sentence here.", -1);
  g_autoptr(GlossArticle) article = gloss_article_load (file, NULL, NULL);
  g_autofree char *title = gloss_article_dup_display_title (article);

  g_assert_cmpstr (title, ==, "notes.txt");
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) binary = write_file (fixture, "image.txt", "\x89PNG\r\n\x1a\n\0\0", 10);
  g_autoptr(GFile) missing = g_file_new_build_filename (fixture->dir, "missing.txt", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GFile) unreadable = write_file (fixture, "secret.txt", "text", -1);
  g_autoptr(GlossArticle) read_anyway = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (unreadable);

  g_assert_null (gloss_article_load (binary, NULL, &error));
  g_assert_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_BINARY);
  g_clear_error (&error);

  g_assert_null (gloss_article_load (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no such file");
  g_clear_error (&error);

  g_assert_null (gloss_article_load (folder, NULL, &error));
  g_assert_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_NOT_FILE);
  g_clear_error (&error);

  /* root reads anything, so this only checks the message when permissions apply */
  g_chmod (path, 0);
  read_anyway = gloss_article_load (unreadable, NULL, &error);
  if (read_anyway == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_cmpstr (error->message, ==, "permission denied");
    }
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  /* A sparse file: it is refused by its size, before anything is read. */
  stream = g_file_create (file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (stream), 1024 * 1024 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  g_assert_null (gloss_article_load (file, NULL, &error));
  g_assert_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "1024 MB"));
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GlossArticle **article = user_data;
  g_autoptr(GError) error = NULL;

  *article = gloss_article_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_load_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "page.html",
                                      "<html><body><p>Async body</p></body></html>", -1);
  GlossArticle *article = NULL;

  gloss_article_load_async (file, NULL, on_loaded, &article);
  while (article == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (gloss_article_get_format (article), ==, GLOSS_ARTICLE_FORMAT_HTML);
  g_assert_cmpstr (gloss_article_get_text (article), ==, "Async body");
  g_assert_finalize_object (article);
}

static void
test_folder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "2 story.md", "10 story.txt", "b.html" };

  g_object_unref (write_file (fixture, "10 story.txt", "x", -1));
  g_object_unref (write_file (fixture, "2 story.md", "x", -1));
  g_object_unref (write_file (fixture, "b.html", "x", -1));
  g_object_unref (write_file (fixture, "2 story.md.annotations.json", "{}", -1));
  g_object_unref (write_file (fixture, ".hidden.txt", "x", -1));
  g_object_unref (write_file (fixture, "photo.jpg", "x", -1));

  files = gloss_folder_list_articles (folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (files, i));

      g_assert_cmpstr (name, ==, expected[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/article/format-guess", test_format_guess);
  g_test_add ("/gloss/article/load", Fixture, NULL,
              fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/gloss/article/display-title-fallback", Fixture, NULL,
              fixture_set_up, test_display_title_fallback, fixture_tear_down);
  g_test_add ("/gloss/article/errors", Fixture, NULL,
              fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/gloss/article/too-large", Fixture, NULL,
              fixture_set_up, test_too_large, fixture_tear_down);
  g_test_add ("/gloss/article/load-async", Fixture, NULL,
              fixture_set_up, test_load_async, fixture_tear_down);
  g_test_add ("/gloss/article/folder", Fixture, NULL,
              fixture_set_up, test_folder, fixture_tear_down);

  return g_test_run ();
}
