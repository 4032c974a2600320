/* test-annotation.c: one annotation: target capture, tags, colours, times, notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-annotation.h"

#include <string.h>

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s;", g_param_spec_get_name (pspec));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The notified names in alphabetical order: frozen notifications come in any order. */
static char *
sorted_log (GString *log)
{
  g_auto(GStrv) names = g_strsplit (log->str, ";", -1);
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    if (names[i][0] != '\0')
      g_ptr_array_add (array, names[i]);
  g_ptr_array_sort (array, compare_names);
  g_ptr_array_add (array, NULL);
  g_string_truncate (log, 0);

  return g_strjoinv (";", (char **) array->pdata);
}

static void
test_new (void)
{
  const char *text = "The quick brown fox jumps over the lazy dog.";
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new (text, 4, 9);

  g_assert_nonnull (annotation);
  g_assert_true (g_uuid_string_is_valid (gloss_annotation_get_id (annotation)));
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, 4);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, 9);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "quick");
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, "The ");
  g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==,
                   " brown fox jumps over the lazy d");
  g_assert_cmpstr (gloss_annotation_get_color (annotation), ==, "yellow");
  g_assert_cmpstrv (gloss_annotation_get_tags (annotation), ((const char *[]) { NULL }));
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "");
  g_assert_cmpint (strlen (gloss_annotation_get_created (annotation)), ==, 20);
  g_assert_true (g_str_has_suffix (gloss_annotation_get_created (annotation), "Z"));
  g_assert_cmpstr (gloss_annotation_get_created (annotation), ==,
                   gloss_annotation_get_modified (annotation));
  g_assert_cmpint (gloss_annotation_get_anchor_state (annotation), ==, GLOSS_ANCHOR_STATE_EXACT);
  g_assert_finalize_object (g_steal_pointer (&annotation));
}

static void
test_new_for_article (void)
{
  const char *source = "Headline\n\nSome “quoted” words.";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotation) annotation = NULL;

  article = gloss_article_new_from_data (source, strlen (source),
                                         GLOSS_ARTICLE_FORMAT_PLAIN_TEXT, &error);
  g_assert_no_error (error);

  annotation = gloss_annotation_new_for_article (article, 15, 23);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "“quoted”");
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, "Headline\n\nSome ");
  g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==, " words.");
}

static void
test_capture_edges (void)
{
  /* 40 code points of which several are two, three and four bytes long. */
  const char *text = "Ünïcödé ☃ text 𝄞 with müsic and ünits ok";
  g_autoptr(GlossAnnotation) first = NULL;
  g_autoptr(GlossAnnotation) last = NULL;
  g_autoptr(GlossAnnotation) empty = NULL;
  g_autoptr(GlossAnnotation) whole = NULL;
  glong length = g_utf8_strlen (text, -1);

  g_assert_cmpint (length, ==, 40);

  first = gloss_annotation_new (text, 0, 7);
  g_assert_cmpstr (gloss_annotation_get_exact (first), ==, "Ünïcödé");
  g_assert_cmpstr (gloss_annotation_get_prefix (first), ==, "");
  g_assert_cmpstr (gloss_annotation_get_suffix (first), ==, " ☃ text 𝄞 with müsic and ünits o");

  last = gloss_annotation_new (text, 38, 40);
  g_assert_cmpstr (gloss_annotation_get_exact (last), ==, "ok");
  g_assert_cmpstr (gloss_annotation_get_prefix (last), ==, "é ☃ text 𝄞 with müsic and ünits ");
  g_assert_cmpint (g_utf8_strlen (gloss_annotation_get_prefix (last), -1), ==, 32);
  g_assert_cmpstr (gloss_annotation_get_suffix (last), ==, "");

  empty = gloss_annotation_new (text, 15, 15);
  g_assert_cmpstr (gloss_annotation_get_exact (empty), ==, "");
  g_assert_cmpstr (gloss_annotation_get_prefix (empty), ==, "Ünïcödé ☃ text ");
  g_assert_true (g_str_has_prefix (gloss_annotation_get_suffix (empty), "𝄞 with"));

  whole = gloss_annotation_new (text, 0, 40);
  g_assert_cmpstr (gloss_annotation_get_exact (whole), ==, text);
  g_assert_cmpstr (gloss_annotation_get_prefix (whole), ==, "");
  g_assert_cmpstr (gloss_annotation_get_suffix (whole), ==, "");

  /* Out of range: refused, nothing read beyond the text. */
  g_assert_null (gloss_annotation_new (text, 39, 41));
  g_assert_null (gloss_annotation_new (text, 50, 60));
  g_assert_false (gloss_annotation_set_target_from_text (whole, text, 0, 41));
  g_assert_cmpuint (gloss_annotation_get_end (whole), ==, 40);
}

static void
test_tags (void)
{
  const char *typed[] = { "  Economy ", "", "   ", "economy", "ÉTAT", "état", "Source: AP",
                          "source: ap", "\tX\n", NULL };
  g_auto(GStrv) normal = gloss_annotation_normalize_tags (typed);
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new ("some text", 0, 4);

  g_assert_cmpstrv (normal, ((const char *[]) { "Economy", "ÉTAT", "Source: AP", "X", NULL }));

  g_auto(GStrv) none = gloss_annotation_normalize_tags (NULL);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  gloss_annotation_set_tags (annotation, typed);
  g_assert_cmpstrv (gloss_annotation_get_tags (annotation), normal);

  g_assert_false (gloss_annotation_add_tag (annotation, " x "));
  g_assert_true (gloss_annotation_add_tag (annotation, "New"));
  g_assert_false (gloss_annotation_add_tag (annotation, ""));
  g_assert_true (gloss_annotation_remove_tag (annotation, "état"));
  g_assert_false (gloss_annotation_remove_tag (annotation, "missing"));
  g_assert_cmpstrv (gloss_annotation_get_tags (annotation),
                    ((const char *[]) { "Economy", "Source: AP", "X", "New", NULL }));
}

static void
test_colors_and_states (void)
{
  const char * const *colors = gloss_annotation_list_colors ();
  GlossAnchorState state;

  g_assert_cmpuint (g_strv_length ((char **) colors), ==, 8);
  g_assert_cmpstr (colors[0], ==, "yellow");
  for (guint i = 0; colors[i] != NULL; i++)
    g_assert_true (gloss_annotation_color_is_valid (colors[i]));
  g_assert_true (gloss_annotation_color_is_valid ("gray"));
  g_assert_false (gloss_annotation_color_is_valid ("grey"));
  g_assert_false (gloss_annotation_color_is_valid ("Yellow"));
  g_assert_false (gloss_annotation_color_is_valid (NULL));

  for (state = GLOSS_ANCHOR_STATE_EXACT; state <= GLOSS_ANCHOR_STATE_ORPHANED; state++)
    {
      GlossAnchorState back = GLOSS_ANCHOR_STATE_EXACT;

      g_assert_true (gloss_anchor_state_from_string (gloss_anchor_state_to_string (state),
                                                     &back));
      g_assert_cmpint (back, ==, state);
    }
  g_assert_cmpstr (gloss_anchor_state_to_string (GLOSS_ANCHOR_STATE_SUGGESTED), ==, "suggested");
  g_assert_false (gloss_anchor_state_from_string ("lost", &state));
  g_assert_false (gloss_anchor_state_from_string (NULL, &state));
}

static void
test_times (void)
{
  g_autofree char *a = gloss_annotation_normalize_time ("2026-11-25T18:55:00Z");
  g_autofree char *b = gloss_annotation_normalize_time ("2026-11-25T19:55:00.250+01:00");
  g_autofree char *c = gloss_annotation_normalize_time ("2026-11-25T18:55:00");
  g_autofree char *d = gloss_annotation_normalize_time ("yesterday");

  g_assert_cmpstr (a, ==, "2026-11-25T18:55:00Z");
  g_assert_cmpstr (b, ==, "2026-11-25T18:55:00Z");
  g_assert_cmpstr (c, ==, "2026-11-25T18:55:00Z");
  g_assert_null (d);
}

static void
test_notify (void)
{
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  const char *tags[] = { "a", "b", NULL };
  const char *same_tags[] = { "a ", "b", "B", NULL };
  const char *old = "2020-01-01T00:00:00Z";
  char *names;

  annotation = gloss_annotation_new_full ("id-1", 0, 4, "some", "", " text", old, old);
  g_signal_connect (annotation, "notify", G_CALLBACK (count_notify), log);

  gloss_annotation_set_note (annotation, "Line one\nline two");
  names = sorted_log (log);
  g_assert_cmpstr (names, ==, "modified;note");
  g_free (names);
  g_assert_cmpstr (gloss_annotation_get_modified (annotation), >, old);
  g_assert_cmpstr (gloss_annotation_get_created (annotation), ==, old);

  /* No change, no notification. */
  gloss_annotation_set_note (annotation, "Line one\nline two");
  gloss_annotation_set_color (annotation, "yellow");
  g_assert_cmpstr (log->str, ==, "");

  gloss_annotation_set_modified (annotation, old);
  g_string_truncate (log, 0);
  gloss_annotation_set_color (annotation, "green");
  names = sorted_log (log);
  g_assert_cmpstr (names, ==, "color;modified");
  g_free (names);

  gloss_annotation_set_modified (annotation, old);
  g_string_truncate (log, 0);
  gloss_annotation_set_tags (annotation, tags);
  gloss_annotation_set_tags (annotation, same_tags);
  names = sorted_log (log);
  g_assert_cmpstr (names, ==, "modified;tags");
  g_free (names);

  /* The target and the anchor state are not edits: `modified` stays. */
  gloss_annotation_set_modified (annotation, old);
  g_string_truncate (log, 0);
  gloss_annotation_set_target_from_text (annotation, "some text", 5, 9);
  gloss_annotation_set_anchor_state (annotation, GLOSS_ANCHOR_STATE_MOVED);
  gloss_annotation_set_anchor_state (annotation, GLOSS_ANCHOR_STATE_MOVED);
  names = sorted_log (log);
  /* the new target is where it is anchored now, then anchoring moves it */
  g_assert_cmpstr (names, ==, "anchor-state;anchor-state;end;exact;prefix;start;suffix");
  g_free (names);
  g_assert_cmpuint (gloss_annotation_get_anchor_start (annotation), ==, 5);
  g_assert_cmpuint (gloss_annotation_get_anchor_end (annotation), ==, 9);
  g_assert_cmpstr (gloss_annotation_get_modified (annotation), ==, old);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "text");
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, "some ");
  g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==, "");

  g_object_set (annotation, "note", "via property", NULL);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "via property");

  g_assert_finalize_object (g_steal_pointer (&annotation));
}

static void
test_compare_and_update (void)
{
  g_autoptr(GlossAnnotation) a = NULL;
  g_autoptr(GlossAnnotation) b = NULL;
  g_autoptr(GlossAnnotation) c = NULL;
  g_autoptr(GlossAnnotation) d = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();

  a = gloss_annotation_new_full ("b", 1, 5, "", "", "", "2020-01-01T00:00:00Z", NULL);
  b = gloss_annotation_new_full ("a", 1, 6, "", "", "", "2020-01-01T00:00:00Z", NULL);
  c = gloss_annotation_new_full ("a", 1, 5, "", "", "", "2020-01-01T00:00:01Z", NULL);
  d = gloss_annotation_new_full ("a", 1, 5, "", "", "", "2020-01-01T00:00:00Z", NULL);

  g_assert_cmpint (gloss_annotation_compare (a, b), <, 0);
  g_assert_cmpint (gloss_annotation_compare (a, c), <, 0);
  g_assert_cmpint (gloss_annotation_compare (d, a), <, 0);
  g_assert_cmpint (gloss_annotation_compare (d, d), ==, 0);

  json_object_set_string_member (extra, "motivation", "commenting");
  gloss_annotation_set_note (b, "theirs");
  gloss_annotation_set_extra_members (b, extra);
  gloss_annotation_update_from (d, b);
  g_assert_cmpstr (gloss_annotation_get_id (d), ==, "a");
  g_assert_cmpuint (gloss_annotation_get_end (d), ==, 6);
  g_assert_cmpstr (gloss_annotation_get_note (d), ==, "theirs");
  g_assert_cmpstr (gloss_annotation_get_modified (d), ==, gloss_annotation_get_modified (b));
  g_assert_true (gloss_annotation_get_extra_members (d) == extra);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/annotation/new", test_new);
  g_test_add_func ("/gloss/annotation/new-for-article", test_new_for_article);
  g_test_add_func ("/gloss/annotation/capture-edges", test_capture_edges);
  g_test_add_func ("/gloss/annotation/tags", test_tags);
  g_test_add_func ("/gloss/annotation/colors-and-states", test_colors_and_states);
  g_test_add_func ("/gloss/annotation/times", test_times);
  g_test_add_func ("/gloss/annotation/notify", test_notify);
  g_test_add_func ("/gloss/annotation/compare-and-update", test_compare_and_update);

  return g_test_run ();
}
