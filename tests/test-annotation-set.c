/* test-annotation-set.c: the list model of one article's annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-annotation-set.h"
#include "gloss-folder.h"

#include <glib/gstdio.h>
#include <string.h>

#define TEXT "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu."

typedef struct
{
  GlossAnnotationSet *set;
  GString            *log;
  guint               changed;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  g_string_append_printf (fixture->log, "%u-%u+%u;", position, removed, added);
}

static void
on_changed (GlossAnnotationSet *set,
            Fixture            *fixture)
{
  fixture->changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/story.txt");
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, TEXT, -1);

  fixture->set = gloss_annotation_set_new (file, sha256, g_utf8_strlen (TEXT, -1));
  fixture->log = g_string_new (NULL);
  g_signal_connect (fixture->set, "items-changed", G_CALLBACK (on_items_changed), fixture);
  g_signal_connect (fixture->set, "changed", G_CALLBACK (on_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->set);
  g_string_free (fixture->log, TRUE);
}

static GlossAnnotation *
make (const char *id,
      guint       start,
      guint       end,
      const char *created)
{
  return gloss_annotation_new_full (id, start, end, "", "", "", created, created);
}

/* The ids of the items, in order, as "a,b,c". */
static char *
ids (GlossAnnotationSet *set)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (set)); i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (set), i);

      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", gloss_annotation_get_id (annotation));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_ids(set, expected)                 \
  G_STMT_START {                                  \
    g_autofree char *_ids = ids (set);            \
    g_assert_cmpstr (_ids, ==, (expected));       \
  } G_STMT_END

#define assert_log(fixture, expected)                        \
  G_STMT_START {                                             \
    g_assert_cmpstr ((fixture)->log->str, ==, (expected));   \
    g_string_truncate ((fixture)->log, 0);                   \
  } G_STMT_END

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  GlossAnnotationSet *set = fixture->set;
  g_autoptr(GlossAnnotation) a = make ("a", 10, 20, "2026-01-01T00:00:00Z");
  g_autoptr(GlossAnnotation) b = make ("b", 5, 30, "2026-01-01T00:00:00Z");
  g_autoptr(GlossAnnotation) c = make ("c", 10, 15, "2026-01-01T00:00:00Z");
  g_autoptr(GlossAnnotation) d = make ("d", 10, 20, "2025-01-01T00:00:00Z");
  g_autoptr(GlossAnnotation) e = make ("e", 10, 20, "2025-01-01T00:00:00Z");
  g_autoptr(GlossAnnotation) dup = make ("a", 0, 1, "2026-01-01T00:00:00Z");

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (set)) == GLOSS_TYPE_ANNOTATION);

  g_assert_true (gloss_annotation_set_add (set, a));
  assert_log (fixture, "0-0+1;");
  g_assert_true (gloss_annotation_set_add (set, b));
  assert_log (fixture, "0-0+1;");
  g_assert_true (gloss_annotation_set_add (set, c));
  assert_log (fixture, "1-0+1;");
  g_assert_true (gloss_annotation_set_add (set, e));
  assert_log (fixture, "2-0+1;");
  g_assert_true (gloss_annotation_set_add (set, d));
  assert_log (fixture, "2-0+1;");
  /* start, then end, then created, then id */
  assert_ids (set, "b,c,d,e,a");
  g_assert_cmpuint (fixture->changed, ==, 5);

  g_assert_false (gloss_annotation_set_add (set, dup));
  g_assert_false (gloss_annotation_set_add (set, a));
  assert_log (fixture, "");

  g_assert_true (gloss_annotation_set_lookup (set, "c") == c);
  g_assert_null (gloss_annotation_set_lookup (set, "z"));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (set), 5));
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  GlossAnnotationSet *set = fixture->set;
  g_autoptr(GlossAnnotation) a = gloss_annotation_new (TEXT, 0, 5);
  g_autoptr(GlossAnnotation) b = gloss_annotation_new (TEXT, 6, 10);
  g_autoptr(GlossAnnotation) c = gloss_annotation_new (TEXT, 11, 16);
  g_autoptr(GlossAnnotation) d = gloss_annotation_new (TEXT, 17, 22);
  guint before;

  gloss_annotation_set_add (set, a);
  gloss_annotation_set_add (set, b);
  gloss_annotation_set_add (set, c);
  gloss_annotation_set_add (set, d);
  g_string_truncate (fixture->log, 0);

  /* a moves behind c: items 0..2 changed */
  gloss_annotation_set_target_from_text (a, TEXT, 12, 13);
  assert_log (fixture, "0-3+3;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 4);
  {
    g_autoptr(GlossAnnotation) third = g_list_model_get_item (G_LIST_MODEL (set), 2);
    g_assert_true (third == a);
  }

  /* A change that keeps the position: no items-changed, but "changed" for saving. */
  before = fixture->changed;
  gloss_annotation_set_note (d, "a note");
  assert_log (fixture, "");
  g_assert_cmpuint (fixture->changed, >, before);

  /* d moves to the front, explicitly updated too. */
  gloss_annotation_set_target (d, 0, 1, "A", "", "lpha");
  assert_log (fixture, "0-4+4;");
  gloss_annotation_set_update (set, d);
  assert_log (fixture, "");

  /* The anchor state is not stored: no change. */
  before = fixture->changed;
  gloss_annotation_set_anchor_state (b, GLOSS_ANCHOR_STATE_ORPHANED);
  g_assert_cmpuint (fixture->changed, ==, before);
}

/* Anchoring to an edited text records where each annotation is now, and changes nothing
 * that is stored. */
static void
test_anchor (Fixture       *fixture,
             gconstpointer  data)
{
  GlossAnnotationSet *set = fixture->set;
  g_autoptr(GlossAnnotation) kept = gloss_annotation_new (TEXT, 0, 5);
  g_autoptr(GlossAnnotation) moved = gloss_annotation_new (TEXT, 40, 56);
  g_autoptr(GlossAnnotation) gone = gloss_annotation_new (TEXT, 11, 22);
  const char *edited = "Alpha and a new clause. Eta theta iota kappa lambda mu.";

  gloss_annotation_set_add (set, kept);
  gloss_annotation_set_add (set, moved);
  gloss_annotation_set_add (set, gone);
  fixture->changed = 0;

  gloss_annotation_set_anchor_to_text (set, edited, -1);
  g_assert_cmpuint (fixture->changed, ==, 0);

  g_assert_true (gloss_annotation_is_attached (kept));
  g_assert_cmpuint (gloss_annotation_get_anchor_start (kept), ==, 0);
  g_assert_cmpint (gloss_annotation_get_anchor_state (moved), ==, GLOSS_ANCHOR_STATE_MOVED);
  g_assert_true (gloss_annotation_is_attached (moved));
  g_assert_cmpuint (gloss_annotation_get_anchor_start (moved), ==, 28);
  g_assert_cmpuint (gloss_annotation_get_anchor_end (moved), ==, 44);
  g_assert_cmpuint (gloss_annotation_get_start (moved), ==, 40);
  g_assert_cmpint (gloss_annotation_get_anchor_state (gone), ==, GLOSS_ANCHOR_STATE_ORPHANED);
  g_assert_false (gloss_annotation_is_attached (gone));
}

/* After the article got shorter, an annotation that could not be placed keeps its old
 * offsets in memory; the file written must still be readable. */
static void
test_save_after_shrink (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-set-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "story.txt", NULL);
  g_autofree char *sidecar = g_strconcat (path, ".annotations.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *shorter = "Alpha beta gamma.";
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, TEXT, -1);
  g_autofree char *short_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, shorter, -1);
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (file, sha, g_utf8_strlen (TEXT, -1));
  g_autoptr(GlossAnnotationSet) again = NULL;
  g_autoptr(GlossAnnotation) lost = gloss_annotation_new (TEXT, 52, 58);
  g_autoptr(GlossAnnotation) read = NULL;
  g_autoptr(GError) error = NULL;

  gloss_annotation_set_add (set, lost);
  gloss_annotation_set_set_fingerprint (set, short_sha, g_utf8_strlen (shorter, -1));
  g_assert_true (gloss_annotation_set_save (set, NULL, &error));
  g_assert_no_error (error);
  /* the annotation itself is not changed */
  g_assert_cmpuint (gloss_annotation_get_end (lost), ==, 58);

  again = gloss_annotation_set_new (file, short_sha, g_utf8_strlen (shorter, -1));
  g_assert_true (gloss_annotation_set_load (again, NULL, &error));
  g_assert_no_error (error);
  read = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpuint (gloss_annotation_get_end (read), ==, g_utf8_strlen (shorter, -1));
  g_assert_cmpstr (gloss_annotation_get_exact (read), ==, gloss_annotation_get_exact (lost));

  g_remove (sidecar);
  g_rmdir (dir);
}

/* The tag entry completes from the tags of the folder's other sidecars too. */
static void
test_folder_tags (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-tags-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  const char *names[] = { "a.txt", "b.txt" };
  const char *tag_lists[][3] = { { "Police", "quote", NULL }, { "police", "timeline", NULL } };
  g_autofree char *junk = g_build_filename (dir, "c.txt.annotations.json", NULL);
  g_auto(GStrv) tags = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, TEXT, -1);
      g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (file, sha, g_utf8_strlen (TEXT, -1));
      g_autoptr(GlossAnnotation) annotation = gloss_annotation_new (TEXT, 0, 5);

      gloss_annotation_set_tags (annotation, tag_lists[i]);
      gloss_annotation_set_add (set, annotation);
      g_assert_true (gloss_annotation_set_save (set, NULL, NULL));
    }
  /* one that cannot be read is skipped */
  g_assert_true (g_file_set_contents (junk, "{ not json", -1, NULL));

  tags = gloss_folder_collect_tags (folder, NULL);
  g_assert_cmpuint (g_strv_length (tags), ==, 3);
  /* one spelling of "police", whichever file came first */
  g_assert_true (g_strv_contains ((const char * const *) tags, "Police") !=
                 g_strv_contains ((const char * const *) tags, "police"));
  g_assert_true (g_strv_contains ((const char * const *) tags, "quote"));
  g_assert_true (g_strv_contains ((const char * const *) tags, "timeline"));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sidecar = g_strdup_printf ("%s/%s.annotations.json", dir, names[i]);

      g_remove (sidecar);
    }
  g_remove (junk);
  g_rmdir (dir);
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  GlossAnnotationSet *set = fixture->set;
  g_autoptr(GlossAnnotation) a = gloss_annotation_new (TEXT, 0, 5);
  g_autoptr(GlossAnnotation) b = gloss_annotation_new (TEXT, 6, 10);
  g_autoptr(GlossAnnotation) other = gloss_annotation_new (TEXT, 6, 10);
  const char *id = gloss_annotation_get_id (b);

  gloss_annotation_set_add (set, a);
  gloss_annotation_set_add (set, b);
  g_string_truncate (fixture->log, 0);

  g_assert_false (gloss_annotation_set_remove (set, other));
  g_assert_true (gloss_annotation_set_remove (set, b));
  assert_log (fixture, "1-1+0;");
  g_assert_null (gloss_annotation_set_lookup (set, id));
  g_assert_nonnull (gloss_annotation_set_get_deletion_time (set, id));
  g_assert_false (gloss_annotation_set_remove (set, b));

  /* A removed annotation is no longer watched. */
  gloss_annotation_set_target (b, 30, 31, "x", "", "");
  assert_log (fixture, "");

  /* Undo: adding it back forgets the deletion. */
  g_assert_true (gloss_annotation_set_add (set, b));
  assert_log (fixture, "1-0+1;");
  g_assert_null (gloss_annotation_set_get_deletion_time (set, id));
}

static void
test_dirty (Fixture       *fixture,
            gconstpointer  data)
{
  GlossAnnotationSet *set = fixture->set;
  g_autoptr(GlossAnnotation) a = gloss_annotation_new (TEXT, 0, 5);

  g_assert_false (gloss_annotation_set_get_dirty (set));
  g_assert_false (gloss_annotation_set_get_read_only (set));
  gloss_annotation_set_add (set, a);
  g_assert_true (gloss_annotation_set_get_dirty (set));
  g_assert_cmpuint (fixture->changed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/gloss/annotation-set/order", Fixture, NULL,
              fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/gloss/annotation-set/move", Fixture, NULL,
              fixture_set_up, test_move, fixture_tear_down);
  g_test_add ("/gloss/annotation-set/anchor", Fixture, NULL,
              fixture_set_up, test_anchor, fixture_tear_down);
  g_test_add_func ("/gloss/annotation-set/save-after-shrink", test_save_after_shrink);
  g_test_add_func ("/gloss/annotation-set/folder-tags", test_folder_tags);
  g_test_add ("/gloss/annotation-set/remove", Fixture, NULL,
              fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/gloss/annotation-set/dirty", Fixture, NULL,
              fixture_set_up, test_dirty, fixture_tear_down);

  return g_test_run ();
}
