/* test-faults.c: faults while the window saves annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A full disk, a read-only folder, a link or a folder in the sidecar's place, the article
 * deleted or renamed while open, and a `gloss annotate` process writing while the window
 * does. Each time: the column says what happened, the file on disk stays whole, and no
 * highlight is lost. The disk and the read-only folder are tmpfs mounts in a mount
 * namespace of this process, made before any thread starts, so that nothing leaks out;
 * where namespaces are not allowed those tests skip, and fail in CI.
 */

#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gloss-sidecar.h"
#include "ui-utils.h"

/* Why this process could not get a mount namespace, else NULL. */
static char *no_mounts;

typedef struct
{
  char             *dir;
  char             *path;     /* the article */
  GFile            *article;
  char             *sidecar;
  char             *fallback;
  gboolean          mounted;
  GlossWindow      *window;
  GlossArticleView *view;
} Fixture;

static gboolean
write_proc (const char *file,
            const char *text)
{
  return g_file_set_contents_full (file, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL);
}

static void
enter_mount_namespace (void)
{
  uid_t uid = getuid ();
  gid_t gid = getgid ();

  /* as anyone else, a user namespace of our own gives the right to mount */
  if (unshare (CLONE_NEWNS | (uid != 0 ? CLONE_NEWUSER : 0)) != 0)
    {
      no_mounts = g_strdup_printf ("unshare: %s", g_strerror (errno));
      return;
    }
  if (uid != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1\n", (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1\n", (guint) gid);

      if (!write_proc ("/proc/self/setgroups", "deny")
          || !write_proc ("/proc/self/uid_map", uid_map)
          || !write_proc ("/proc/self/gid_map", gid_map))
        {
          no_mounts = g_strdup ("cannot map our user into the namespace");
          return;
        }
    }
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    no_mounts = g_strdup_printf ("cannot make mounts private: %s", g_strerror (errno));
}

/* Whether this test can mount; else it skips, or fails in CI where it must run. */
static gboolean
can_mount (void)
{
  if (no_mounts == NULL)
    return TRUE;

  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    {
      g_test_message ("no mount namespace (%s), and CI must run this test", no_mounts);
      g_test_fail ();
    }
  else
    g_test_skip (no_mounts);
  return FALSE;
}

static void
mount_tmpfs (Fixture    *fixture,
             const char *size)
{
  g_autofree char *options = g_strdup_printf ("size=%s", size);

  g_assert_cmpint (mount ("gloss-test", fixture->dir, "tmpfs", 0, options), ==, 0);
  fixture->mounted = TRUE;
}

static void
remount (Fixture  *fixture,
         gboolean  read_only)
{
  /* the mount's own flag: a user namespace may not remount the file system itself */
  unsigned long flags = MS_REMOUNT | MS_BIND | (read_only ? MS_RDONLY : 0);

  g_assert_cmpint (mount (NULL, fixture->dir, NULL, flags, NULL), ==, 0);
}

static void
copy_article (Fixture *fixture)
{
  g_autoptr(GFile) source = sample_file ("coastal-courier.txt");

  g_assert_true (g_file_copy (source, fixture->article, G_FILE_COPY_NONE, NULL, NULL, NULL,
                              NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) fallback = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-faults-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "story.txt", NULL);
  fixture->article = g_file_new_for_path (fixture->path);
  fixture->sidecar = g_strconcat (fixture->path, GLOSS_SIDECAR_SUFFIX, NULL);
  fallback = gloss_sidecar_get_fallback (fixture->article);
  fixture->fallback = g_file_get_path (fallback);
}

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (fixture->mounted)
    umount2 (fixture->dir, MNT_DETACH);
  remove_tree (fixture->dir);
  g_remove (fixture->fallback);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->sidecar);
  g_free (fixture->fallback);
  g_object_unref (fixture->article);
}

static gboolean
annotations_loaded (gpointer data)
{
  return gloss_article_view_get_annotator (data) != NULL &&
         !gloss_article_view_get_loading (data);
}

static void
open_article (Fixture *fixture)
{
  fixture->window = open_window (1200, 800, &fixture->article, 1);
  fixture->view = column (fixture->window, 0);
  run_until (annotations_loaded, fixture->view);
}

static void
close_window (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  fixture->view = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
n_annotations (Fixture *fixture)
{
  GlossAnnotationSet *set = gloss_article_view_get_annotations (fixture->view);

  return g_list_model_get_n_items (G_LIST_MODEL (set));
}

static const char *
problem (Fixture *fixture)
{
  return gloss_annotator_get_problem (gloss_article_view_get_annotator (fixture->view));
}

/* Highlights characters START to END of the text with the H key, as a user does. */
static void
highlight_range (Fixture *fixture,
                 guint    start,
                 guint    end)
{
  GtkTextView *text_view = gloss_article_view_get_text_view (fixture->view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (text_view));
  GtkTextIter from, to;
  gboolean handled = FALSE;
  guint before = n_annotations (fixture);

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_text_buffer_select_range (buffer, &from, &to);
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
  for (guint i = 0; !handled && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_h, 0, 0, &handled);
    }
  g_assert_true (handled);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* more than one when what another process saved came in meanwhile */
  g_assert_cmpuint (n_annotations (fixture), >, before);
}

/* Highlights the first occurrence of @needle. */
static void
highlight (Fixture    *fixture,
           const char *needle)
{
  g_autofree char *text = buffer_text (fixture->view);
  const char *found = strstr (text, needle);
  guint start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (text, found);
  highlight_range (fixture, start, start + g_utf8_strlen (needle, -1));
}

static void
wait_for_save (void)
{
  run_for (GLOSS_ANNOTATOR_SAVE_DELAY_MS + 300);
}

/* The number of annotations in a sidecar, -1 if it is not there or not whole. */
static int
n_saved (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, NULL))
    return -1;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return -1;
  return json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                              "annotations"));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” does not say “%s”", haystack ? haystack : "(nothing)", needle);
}

static gboolean
no_problem (gpointer data)
{
  return problem (data) == NULL;
}

static void
fill_disk (Fixture *fixture)
{
  g_autofree char *filler = g_build_filename (fixture->dir, "filler", NULL);
  char block[4096] = { 0 };
  int fd = g_open (filler, O_WRONLY | O_CREAT, 0644);

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

/* The disk fills up: the column says so, the sidecar on disk stays whole, the highlight
 * stays in the column, and once there is room again, the retry saves it. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *filler = NULL;

  if (!can_mount ())
    return;
  mount_tmpfs (fixture, "64k");
  copy_article (fixture);
  open_article (fixture);
  highlight (fixture, "harbour");
  wait_for_save ();
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 1);
  g_assert_null (problem (fixture));

  fill_disk (fixture);
  highlight (fixture, "council");
  wait_for_save ();
  assert_contains (problem (fixture), "No space left on device");
  assert_contains (banner_text (fixture->view), "No space left on device");
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 1);
  g_assert_cmpuint (n_annotations (fixture), ==, 2);
  save_screenshot (fixture->window, "faults-disk-full");

  /* no new edit: the retry alone saves it */
  filler = g_build_filename (fixture->dir, "filler", NULL);
  g_assert_cmpint (g_remove (filler), ==, 0);
  run_until (no_problem, fixture);
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 2);
  g_assert_null (banner_text (fixture->view));
}

/* The column is closed while the disk is still full: its highlights are kept in the
 * fallback location, and opening the article again (with room) shows them all. */
static void
test_disk_full_close (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *filler = NULL;

  if (!can_mount ())
    return;
  mount_tmpfs (fixture, "64k");
  copy_article (fixture);
  open_article (fixture);
  highlight (fixture, "harbour");
  wait_for_save ();
  fill_disk (fixture);
  highlight (fixture, "council");
  close_window (fixture);
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 1);
  g_assert_cmpint (n_saved (fixture->fallback), ==, 2);

  filler = g_build_filename (fixture->dir, "filler", NULL);
  g_assert_cmpint (g_remove (filler), ==, 0);
  open_article (fixture);
  g_assert_cmpuint (n_annotations (fixture), ==, 2);
  highlight (fixture, "Quay Street");
  wait_for_save ();
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 3);
  g_assert_false (g_file_test (fixture->fallback, G_FILE_TEST_EXISTS));
}

/* The folder becomes read-only (a read-only mount: root ignores permissions): the
 * highlights go to the fallback location and the column says where; opened again with
 * the folder writable, both are merged and saved next to the article. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!can_mount ())
    return;
  mount_tmpfs (fixture, "1m");
  copy_article (fixture);
  open_article (fixture);
  highlight (fixture, "harbour");
  wait_for_save ();
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 1);
  g_assert_true (g_file_get_contents (fixture->sidecar, &before, NULL, NULL));

  remount (fixture, TRUE);
  highlight (fixture, "council");
  wait_for_save ();
  assert_contains (problem (fixture), "Read-only file system");
  assert_contains (banner_text (fixture->view), fixture->fallback);
  g_assert_cmpint (n_saved (fixture->fallback), ==, 2);
  g_assert_true (g_file_get_contents (fixture->sidecar, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  save_screenshot (fixture->window, "faults-read-only");

  close_window (fixture);
  remount (fixture, FALSE);
  open_article (fixture);
  g_assert_cmpuint (n_annotations (fixture), ==, 2);
  highlight (fixture, "Quay Street");
  wait_for_save ();
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 3);
  g_assert_false (g_file_test (fixture->fallback, G_FILE_TEST_EXISTS));
  g_assert_null (problem (fixture));
}

typedef enum
{
  LINK_OUT,
  LINK_IN,
  FOLDER,
} Taken;

/* The sidecar is replaced by a link (out of the folder, or in it) or a folder while the
 * article is open: never written through, the column says so, and the highlights go to
 * the fallback location, where opening the article again finds them. */
static void
test_taken (Fixture       *fixture,
            gconstpointer  data)
{
  Taken taken = GPOINTER_TO_INT (data);
  g_autofree char *outside_dir = g_dir_make_tmp ("gloss-outside-XXXXXX", NULL);
  g_autofree char *outside = g_build_filename (outside_dir, "elsewhere.json", NULL);
  g_autofree char *inside = g_build_filename (fixture->dir, "inside.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *target = taken == LINK_OUT ? outside : inside;

  copy_article (fixture);
  open_article (fixture);
  highlight (fixture, "harbour");
  wait_for_save ();
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 1);
  g_assert_true (g_file_get_contents (fixture->sidecar, &before, NULL, NULL));

  if (taken == FOLDER)
    {
      g_assert_cmpint (g_remove (fixture->sidecar), ==, 0);
      g_assert_cmpint (g_mkdir (fixture->sidecar, 0755), ==, 0);
    }
  else
    {
      g_assert_cmpint (g_rename (fixture->sidecar, target), ==, 0);
      g_assert_cmpint (symlink (taken == LINK_IN ? "inside.json" : target, fixture->sidecar),
                       ==, 0);
    }

  highlight (fixture, "council");
  wait_for_save ();
  assert_contains (problem (fixture), taken == FOLDER ? "not a regular file" : "symbolic link");
  assert_contains (banner_text (fixture->view), fixture->fallback);
  g_assert_cmpint (n_saved (fixture->fallback), ==, 2);
  if (taken == FOLDER)
    g_assert_true (g_file_test (fixture->sidecar, G_FILE_TEST_IS_DIR));
  else
    {
      g_assert_true (g_file_test (fixture->sidecar, G_FILE_TEST_IS_SYMLINK));
      g_assert_true (g_file_get_contents (target, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, before);
    }
  save_screenshot (fixture->window, taken == FOLDER ? "faults-folder" : "faults-symlink");

  close_window (fixture);
  open_article (fixture);
  g_assert_cmpuint (n_annotations (fixture), ==, 2);
  assert_contains (banner_text (fixture->view), fixture->fallback);

  remove_tree (outside_dir);
}

static gboolean
says_gone (gpointer data)
{
  Fixture *fixture = data;
  const char *text = banner_text (fixture->view);

  return text != NULL && strstr (text, "deleted or moved") != NULL;
}

/* The article is deleted while open: the column keeps its text and says so; highlights go
 * on being saved next to where it was, and when its folder is gone too, to the fallback
 * location. */
static void
test_article_deleted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;

  copy_article (fixture);
  open_article (fixture);
  highlight (fixture, "harbour");
  g_assert_cmpint (g_remove (fixture->path), ==, 0);
  run_until (says_gone, fixture);
  /* the highlight made just before is saved at once */
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 1);
  assert_contains (banner_text (fixture->view), fixture->sidecar);
  text = buffer_text (fixture->view);
  assert_contains (text, "harbour");
  save_screenshot (fixture->window, "faults-article-deleted");

  highlight (fixture, "council");
  wait_for_save ();
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 2);

  /* and the folder goes too */
  g_assert_cmpint (g_remove (fixture->sidecar), ==, 0);
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  highlight (fixture, "Quay Street");
  wait_for_save ();
  assert_contains (problem (fixture), fixture->fallback);
  g_assert_cmpint (n_saved (fixture->fallback), ==, 3);
}

/* The article is renamed while open: the column says so and goes on saving the sidecar
 * under the name it had, which the banner gives. */
static void
test_article_renamed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *renamed = g_build_filename (fixture->dir, "renamed.txt", NULL);

  copy_article (fixture);
  open_article (fixture);
  highlight (fixture, "harbour");
  wait_for_save ();
  g_assert_cmpint (g_rename (fixture->path, renamed), ==, 0);
  run_until (says_gone, fixture);
  assert_contains (banner_text (fixture->view), fixture->sidecar);

  highlight (fixture, "council");
  wait_for_save ();
  g_assert_cmpint (n_saved (fixture->sidecar), ==, 2);
  g_assert_null (problem (fixture));
}

#define N_EACH 20

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_process_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) data = TRUE;
}

/* A `gloss annotate` process adds N_EACH annotations while the window adds N_EACH: all
 * of both are in the sidecar at the end. (A second window would be the same process:
 * Gloss is a single-instance application, so the other process is the command line.) */
static void
test_window_and_cli (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *gloss = g_getenv ("GLOSS_BIN");
  g_autofree char *script = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *saved;
  gboolean done = FALSE;
  guint from_cli = 0, from_window = 0;

  g_assert_nonnull (gloss);
  copy_article (fixture);
  open_article (fixture);

  script = g_strdup_printf ("i=0; while [ $i -lt %d ]; do "
                            "\"$0\" annotate \"$1\" --range $((1000 + i * 7)):$((1005 + i * 7)) "
                            "--note \"cli $i\" >/dev/null || exit 1; i=$((i + 1)); done",
                            N_EACH);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c", script, gloss,
                              fixture->path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, on_process_done, &done);

  for (guint i = 0; i < N_EACH; i++)
    {
      highlight_range (fixture, i * 7, i * 7 + 5);
      run_for (g_random_int_range (50, 300));
    }
  for (guint i = 0; i < n_annotations (fixture); i++)
    {
      GListModel *model = G_LIST_MODEL (gloss_article_view_get_annotations (fixture->view));
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      if (gloss_annotation_get_start (annotation) < 1000)
        g_ptr_array_add (ids, g_strdup (gloss_annotation_get_id (annotation)));
    }
  g_assert_cmpuint (ids->len, ==, N_EACH);
  run_until (is_true, &done);
  g_assert_true (g_subprocess_get_successful (process));
  close_window (fixture);

  g_assert_true (json_parser_load_from_file (parser, fixture->sidecar, NULL));
  saved = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "annotations");
  g_assert_cmpuint (json_array_get_length (saved), ==, 2 * N_EACH);
  for (guint i = 0; i < json_array_get_length (saved); i++)
    {
      JsonObject *annotation = json_array_get_object_element (saved, i);
      const char *id = json_object_get_string_member (annotation, "id");

      if (g_str_has_prefix (json_object_get_string_member (annotation, "note"), "cli "))
        from_cli++;
      else if (g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        from_window++;
    }
  g_assert_cmpuint (from_cli, ==, N_EACH);
  g_assert_cmpuint (from_window, ==, N_EACH);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* first, while there is one thread: a namespace cannot be entered with more */
  enter_mount_namespace ();
  status = ui_test_init (&argc, &argv);
  if (status != 0)
    return status;

#define ADD(path, func, data) \
  g_test_add ("/gloss/faults/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("disk-full", test_disk_full, NULL);
  ADD ("disk-full-close", test_disk_full_close, NULL);
  ADD ("read-only", test_read_only, NULL);
  ADD ("symlink-out", test_taken, GINT_TO_POINTER (LINK_OUT));
  ADD ("symlink-in", test_taken, GINT_TO_POINTER (LINK_IN));
  ADD ("folder", test_taken, GINT_TO_POINTER (FOLDER));
  ADD ("article-deleted", test_article_deleted, NULL);
  ADD ("article-renamed", test_article_renamed, NULL);
  ADD ("window-and-cli", test_window_and_cli, NULL);

  return g_test_run ();
}
