/* test-compare.c: the passages that articles share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "gloss-compare.h"

#define QUOTE "The engineers found cracking in the bridge’s central pivot casting, and I " \
              "will not ask anyone to cross a structure we cannot vouch for."
#define QUOTE_WORDS 24
#define WIRE "Marrowick Borough Council said it had commissioned a full structural survey " \
             "and expected to know within a fortnight whether the bridge could be repaired"

static const char *syllables[] = {
  "ba", "ri", "con", "del", "mor", "tan", "ves", "lo", "quin", "har", "bor", "wick", "sal",
  "ting", "ad", "ter", "mi", "nus", "pel", "ro", "gan", "fi", "el", "dor", "sca", "pe",
};

/* Unrelated prose: sentences of made-up words, different for each @rand. */
static void
append_filler (GString *s,
               GRand   *rand,
               guint    n_words)
{
  for (guint i = 0; i < n_words; i++)
    {
      guint n = g_rand_int_range (rand, 1, 4);

      if (i > 0)
        g_string_append (s, g_rand_int_range (rand, 0, 12) == 0 ? ". " : " ");
      for (guint k = 0; k < n; k++)
        g_string_append (s, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
    }
  g_string_append (s, ". ");
}

static char *
cut (const char *text,
     guint       start,
     guint       end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);

  return g_strndup (from, g_utf8_offset_to_pointer (from, end - start) - from);
}

static GlossComparison *
compare (const char * const *texts,
         guint               n,
         guint               min_words)
{
  g_autoptr(GError) error = NULL;
  GlossComparison *comparison = gloss_compare_run (texts, n, min_words, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (GLOSS_IS_COMPARISON (comparison));
  g_assert_cmpuint (gloss_comparison_get_n_articles (comparison), ==, n);
  return comparison;
}

/* Asserts that @passage's span in @article is exactly @expected of @texts[@article]. */
static void
assert_span (const char * const *texts,
             GlossSharedPassage *passage,
             guint               article,
             const char         *expected)
{
  const GlossPassageSpan *span = gloss_shared_passage_get_span_in (passage, article);
  g_autofree char *text = NULL;

  g_assert_nonnull (span);
  text = cut (texts[article], span->start, span->end);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_verbatim (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  const char *texts[2];
  GlossComparison *comparison;
  GlossSharedPassage *passage;
  g_autoptr(GArray) ops = NULL;

  append_filler (a, rand, 200);
  g_string_append (a, "She said: “" QUOTE "” ");
  append_filler (a, rand, 100);
  append_filler (b, rand, 50);
  g_string_append (b, "“" QUOTE "”, the leader said. ");
  append_filler (b, rand, 300);
  texts[0] = a->str, texts[1] = b->str;

  comparison = compare (texts, 2, 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (comparison)), ==, 1);
  passage = gloss_comparison_get_passage (comparison, 0);
  g_assert_cmpfloat (gloss_shared_passage_get_similarity (passage), ==, 1.0);
  g_assert_cmpuint (gloss_shared_passage_get_n_words (passage), ==, QUOTE_WORDS);
  /* Words only: the quotation marks and the final point are not part of it. */
  assert_span (texts, passage, 0, "The engineers found cracking in the bridge’s central pivot "
               "casting, and I will not ask anyone to cross a structure we cannot vouch for");
  assert_span (texts, passage, 1, "The engineers found cracking in the bridge’s central pivot "
               "casting, and I will not ask anyone to cross a structure we cannot vouch for");

  ops = gloss_shared_passage_dup_diff (passage, 0, 1);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (g_array_index (ops, GlossWordDiffOp, 0).kind, ==, GLOSS_WORD_DIFF_EQUAL);
  g_assert_cmpuint (g_array_index (ops, GlossWordDiffOp, 0).b_start, ==,
                    gloss_shared_passage_get_span_in (passage, 1)->start);
  g_assert_null (gloss_shared_passage_dup_diff (passage, 0, 2));

  g_assert_cmpfloat_with_epsilon (gloss_comparison_get_shared_fraction (comparison, 0),
                                  24.0 / gloss_comparison_get_n_words (comparison, 0), 1e-9);
  g_assert_cmpfloat_with_epsilon (gloss_comparison_get_shared_fraction_with (comparison, 1, 0),
                                  24.0 / gloss_comparison_get_n_words (comparison, 1), 1e-9);
  g_assert_finalize_object (comparison);
}

static void
test_edited (void)
{
  const char *texts[] = {
    "Unrelated opening words here. “The engineers found cracking in the bridge’s central "
    "pivot casting, and I will not ask anyone to cross a structure we cannot vouch for,” "
    "she said. Totally different closing.",
    "Something else entirely first. \"THE ENGINEERS found serious cracking in the bridge's "
    "pivot casting - and I will not ask anybody to cross a structure we cannot vouch for\" "
    "said she, and more.",
  };
  GlossComparison *comparison = compare (texts, 2, 0);
  GlossSharedPassage *passage;
  g_autoptr(GArray) ops = NULL;
  guint kinds[4] = { 0 };
  double similarity;

  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 1);
  passage = gloss_comparison_get_passage (comparison, 0);
  /* "she said" vs "said she": the extension stops at the first word that differs. */
  assert_span (texts, passage, 0, "The engineers found cracking in the bridge’s central pivot "
               "casting, and I will not ask anyone to cross a structure we cannot vouch for");
  assert_span (texts, passage, 1, "THE ENGINEERS found serious cracking in the bridge's pivot "
               "casting - and I will not ask anybody to cross a structure we cannot vouch for");
  similarity = gloss_shared_passage_get_similarity (passage);
  g_assert_cmpfloat (similarity, <, 1.0);
  g_assert_cmpfloat (similarity, >, 0.85);

  ops = gloss_shared_passage_dup_diff (passage, 0, 1);
  for (guint i = 0; i < ops->len; i++)
    {
      const GlossWordDiffOp *op = &g_array_index (ops, GlossWordDiffOp, i);
      g_autofree char *a = cut (texts[0], op->a_start, op->a_end);
      g_autofree char *b = cut (texts[1], op->b_start, op->b_end);

      kinds[op->kind]++;
      if (op->kind == GLOSS_WORD_DIFF_INSERT)
        g_assert_cmpstr (b, ==, "serious");
      else if (op->kind == GLOSS_WORD_DIFF_DELETE)
        g_assert_cmpstr (a, ==, "central");
      else if (op->kind == GLOSS_WORD_DIFF_REPLACE)
        {
          g_assert_cmpstr (a, ==, "anyone");
          g_assert_cmpstr (b, ==, "anybody");
        }
    }
  g_assert_cmpuint (kinds[GLOSS_WORD_DIFF_INSERT], ==, 1);
  g_assert_cmpuint (kinds[GLOSS_WORD_DIFF_DELETE], ==, 1);
  g_assert_cmpuint (kinds[GLOSS_WORD_DIFF_REPLACE], ==, 1);
  g_assert_cmpfloat_with_epsilon (similarity, 2.0 * gloss_word_diff_count_equal (ops) / 48, 1e-9);
  g_assert_finalize_object (comparison);
}

static void
test_reordered (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  const char *texts[2];
  GlossComparison *comparison;
  GlossSharedPassage *first, *second;

  append_filler (a, rand, 80);
  g_string_append (a, QUOTE " ");
  append_filler (a, rand, 80);
  g_string_append (a, WIRE ". ");
  append_filler (a, rand, 80);
  g_string_append (b, WIRE ". ");
  append_filler (b, rand, 80);
  g_string_append (b, QUOTE " ");
  texts[0] = a->str, texts[1] = b->str;

  comparison = compare (texts, 2, 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 2);
  /* In the order of the first article. */
  first = gloss_comparison_get_passage (comparison, 0);
  second = gloss_comparison_get_passage (comparison, 1);
  g_assert_cmpuint (gloss_shared_passage_get_index (second), ==, 1);
  g_assert_cmpuint (gloss_shared_passage_get_span_in (first, 0)->start, <,
                    gloss_shared_passage_get_span_in (second, 0)->start);
  g_assert_cmpuint (gloss_shared_passage_get_span_in (first, 1)->start, >,
                    gloss_shared_passage_get_span_in (second, 1)->start);
  assert_span (texts, second, 0, WIRE);
  assert_span (texts, second, 1, WIRE);
  g_assert_finalize_object (comparison);
}

static void
test_three_articles (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(GString) c = g_string_new (NULL);
  const char *texts[3];
  GlossComparison *comparison;
  GlossSharedPassage *quote, *wire;
  const GlossPassageSpan *spans;
  const GlossSharedSpan *shared;
  guint n;

  append_filler (a, rand, 100);
  g_string_append (a, QUOTE " ");
  append_filler (a, rand, 100);
  g_string_append (a, WIRE ". ");
  append_filler (b, rand, 50);
  g_string_append (b, "“" QUOTE "” ");
  append_filler (b, rand, 100);
  g_string_append (c, WIRE ". ");
  append_filler (c, rand, 60);
  /* Lightly edited in the third. */
  g_string_append (c, "The engineers found cracks in the bridge's central pivot casting and I "
                      "will not ask anyone to cross a structure we cannot vouch for. ");
  append_filler (c, rand, 60);
  texts[0] = a->str, texts[1] = b->str, texts[2] = c->str;

  comparison = compare (texts, 3, 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 2);
  quote = gloss_comparison_get_passage (comparison, 0);
  wire = gloss_comparison_get_passage (comparison, 1);

  /* The quote is one passage with a span in each article, not three pairs. */
  spans = gloss_shared_passage_get_spans (quote, &n);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (spans[i].article, ==, i);
  assert_span (texts, quote, 1, "The engineers found cracking in the bridge’s central pivot "
               "casting, and I will not ask anyone to cross a structure we cannot vouch for");
  g_assert_cmpfloat (gloss_shared_passage_get_similarity (quote), <, 1.0);

  spans = gloss_shared_passage_get_spans (wire, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (spans[0].article, ==, 0);
  g_assert_cmpuint (spans[1].article, ==, 2);
  g_assert_false (gloss_shared_passage_has_article (wire, 1));
  g_assert_cmpfloat (gloss_shared_passage_get_similarity (wire), ==, 1.0);

  /* What the second article shares is the quote, with both others. */
  g_assert_cmpfloat (gloss_comparison_get_shared_fraction_with (comparison, 1, 0), >, 0.0);
  g_assert_cmpfloat (gloss_comparison_get_shared_fraction_with (comparison, 1, 2), >, 0.0);
  g_assert_cmpfloat (gloss_comparison_get_shared_fraction_with (comparison, 1, 1), ==, 0.0);
  g_assert_cmpfloat (gloss_comparison_get_shared_fraction_with (comparison, 0, 2), >,
                     gloss_comparison_get_shared_fraction_with (comparison, 0, 1));

  /* The window's view: spans by start, and the passage under the pointer. */
  shared = gloss_comparison_get_shared_spans (comparison, 2, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (shared[0].passage, ==, 1);
  g_assert_cmpuint (shared[1].passage, ==, 0);
  g_assert_true (gloss_comparison_find_passage_at (comparison, 2, shared[1].start) == quote);
  g_assert_true (gloss_comparison_find_passage_at (comparison, 2, shared[0].end - 1) == wire);
  g_assert_null (gloss_comparison_find_passage_at (comparison, 2, shared[0].end));
  g_assert_null (gloss_comparison_find_passage_at (comparison, 1, 0));
  g_assert_finalize_object (comparison);
}

/* A passage one article repeats is one passage with two spans there. */
static void
test_repeated (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  const char *texts[2];
  GlossComparison *comparison;
  const GlossPassageSpan *spans;
  guint n;

  append_filler (a, rand, 100);
  g_string_append (a, WIRE ". ");
  append_filler (a, rand, 100);
  append_filler (b, rand, 100);
  g_string_append (b, WIRE ". ");
  append_filler (b, rand, 100);
  g_string_append (b, WIRE ". ");
  texts[0] = a->str, texts[1] = b->str;

  comparison = compare (texts, 2, 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 1);
  spans = gloss_shared_passage_get_spans (gloss_comparison_get_passage (comparison, 0), &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (spans[0].article, ==, 0);
  g_assert_cmpuint (spans[1].article, ==, 1);
  g_assert_cmpuint (spans[2].article, ==, 1);
  g_assert_cmpuint (spans[1].end, <, spans[2].start);
  g_assert_finalize_object (comparison);
}

/* Boilerplate: an article is never compared with itself, and a line both articles repeat
 * dozens of times (a caption, a newsletter pitch) is no shared passage. */
static void
test_boilerplate (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  const char *pitch = "Sign up for our newsletter to get the best of our journalism in your "
                      "inbox every morning. ";
  const char *texts[2];
  GlossComparison *comparison;

  for (guint i = 0; i < 40; i++)
    {
      append_filler (a, rand, 30);
      g_string_append (a, pitch);
      append_filler (b, rand, 30);
    }
  texts[0] = a->str, texts[1] = b->str;
  comparison = compare (texts, 2, 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 0);
  g_assert_cmpfloat (gloss_comparison_get_shared_fraction (comparison, 0), ==, 0.0);
  g_assert_finalize_object (comparison);

  for (guint i = 0; i < 40; i++)
    g_string_append (b, pitch);
  texts[1] = b->str;
  comparison = compare (texts, 2, 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 0);
  g_assert_finalize_object (comparison);
}

static void
test_min_words (void)
{
  const char *texts[] = {
    "Alpha beta gamma. one two three four five six seven. Delta epsilon zeta eta theta "
    "iota kappa lambda mu nu xi. uno dos tres cuatro cinco seis siete ocho. Omicron pi.",
    "Rho sigma. one two three four five six seven! Tau upsilon phi chi psi omega aleph "
    "beth gimel daleth he waw. uno dos tres cuatro cinco seis siete ocho? Zayin heth.",
  };
  GlossComparison *comparison;

  comparison = compare (texts, 2, 0);
  g_assert_cmpuint (gloss_comparison_get_min_words (comparison), ==, 8);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 1);
  assert_span (texts, gloss_comparison_get_passage (comparison, 0), 0,
               "uno dos tres cuatro cinco seis siete ocho");
  g_assert_finalize_object (comparison);

  comparison = compare (texts, 2, 7);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 2);
  g_assert_finalize_object (comparison);

  comparison = compare (texts, 2, 9);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 0);
  g_assert_finalize_object (comparison);

  /* Shorter than a seed: still found when asked for. */
  texts[0] = "Aaa bbb ccc. red green. Ddd eee.";
  texts[1] = "Fff. red green! Ggg hhh.";
  comparison = compare (texts, 2, 2);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 1);
  assert_span (texts, gloss_comparison_get_passage (comparison, 0), 1, "red green");
  g_assert_finalize_object (comparison);
}

static void
test_empty (void)
{
  const char *texts[] = { "", " \n ", "Short text.", NULL, "Short text." };
  GlossComparison *comparison;

  comparison = compare (NULL, 0, 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 0);
  g_assert_finalize_object (comparison);

  comparison = compare (texts + 2, 1, 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 0);
  g_assert_finalize_object (comparison);

  comparison = compare (texts, G_N_ELEMENTS (texts), 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 0);
  g_assert_cmpuint (gloss_comparison_get_n_words (comparison, 0), ==, 0);
  g_assert_cmpuint (gloss_comparison_get_n_words (comparison, 4), ==, 2);
  g_assert_cmpfloat (gloss_comparison_get_shared_fraction (comparison, 0), ==, 0.0);
  g_assert_finalize_object (comparison);

  comparison = compare (texts + 2, 3, 2);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 1);
  g_assert_cmpfloat (gloss_comparison_get_shared_fraction (comparison, 2), ==, 1.0);
  g_assert_finalize_object (comparison);
}

/* Offsets are code points, whatever the script and however many bytes a character takes. */
static void
test_unicode (void)
{
  const char *passage = "Η γέφυρα θα μείνει κλειστή μέχρι να καταλάβουμε με τι έχουμε να κάνουμε";
  g_autofree char *a = g_strconcat ("🙂🙂 Заголовок статьи — «", passage, "», сказала она. "
                                    "Ещё немного текста здесь.", NULL);
  g_autofree char *b = g_strconcat ("Café naïve 𝒳 ", passage, "! e\xcc\x81t\xc3\xa9", NULL);
  const char *texts[] = { a, b };
  GlossComparison *comparison = compare (texts, 2, 0);
  GlossSharedPassage *shared;

  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 1);
  shared = gloss_comparison_get_passage (comparison, 0);
  assert_span (texts, shared, 0, passage);
  assert_span (texts, shared, 1, passage);
  g_assert_cmpuint (gloss_shared_passage_get_span_in (shared, 0)->start, ==, 23);
  g_assert_cmpuint (gloss_shared_passage_get_span_in (shared, 1)->start, ==, 13);
  g_assert_cmpuint (gloss_shared_passage_get_n_words (shared), ==, 13);
  g_assert_finalize_object (comparison);

  /* Invalid UTF-8 does not crash; the offsets are over the repaired text. */
  texts[0] = "Bad \xff\xfe bytes then one two three four five six seven eight nine";
  texts[1] = "Other one two three four five six seven eight nine";
  comparison = compare (texts, 2, 0);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 1);
  g_assert_finalize_object (comparison);
}

static void
on_compared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GlossComparison *comparison;
  const char *texts[2];

  append_filler (a, rand, 1000);
  g_string_append (a, WIRE);
  g_string_append (b, WIRE);
  append_filler (b, rand, 1000);
  texts[0] = a->str, texts[1] = b->str;

  gloss_compare_run_async (texts, 2, 0, cancellable, on_compared, &result);
  /* The texts are copied: the caller may free them at once. */
  g_string_truncate (a, 0);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  comparison = gloss_compare_run_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), ==, 1);
  g_assert_finalize_object (comparison);
  g_clear_object (&result);

  g_cancellable_cancel (cancellable);
  gloss_compare_run_async (texts, 2, 0, cancellable, on_compared, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (gloss_compare_run_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_null (gloss_compare_run (texts, 2, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Planted passages of 30 words with 3 changed, inserted or dropped, among unrelated text:
 * nearly all are found, and hardly any unrelated word is called shared. The benchmark
 * measures the same on megabytes. */
static void
test_quality (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(GArray) planted = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  const char *texts[2];
  GlossComparison *comparison;
  guint found = 0, n_planted = 40, shared_words = 0;

  for (guint p = 0; p < n_planted; p++)
    {
      g_autoptr(GString) passage = g_string_new (NULL);
      g_auto(GStrv) words = NULL;
      g_autofree char *edited = NULL;
      guint range[2];

      append_filler (a, rand, g_rand_int_range (rand, 50, 150));
      append_filler (b, rand, g_rand_int_range (rand, 50, 150));
      append_filler (passage, rand, 30);
      g_strchomp (passage->str);
      range[0] = g_utf8_strlen (a->str, -1);
      g_string_append_printf (a, "%s ", passage->str);
      range[1] = g_utf8_strlen (a->str, -1);
      g_array_append_val (planted, range);

      words = g_strsplit (passage->str, " ", -1);
      for (guint k = 0; k < 3; k++)
        {
          guint at = g_rand_int_range (rand, 0, g_strv_length (words));

          g_free (words[at]);
          words[at] = g_strdup (k == 0 ? "changed" : k == 1 ? "" : "inserted words");
        }
      edited = g_strjoinv (" ", words);
      g_string_append_printf (b, "%s ", edited);
    }
  texts[0] = a->str, texts[1] = b->str;

  comparison = compare (texts, 2, 0);
  for (guint p = 0; p < gloss_comparison_get_n_passages (comparison); p++)
    {
      const GlossPassageSpan *span;

      span = gloss_shared_passage_get_span_in (gloss_comparison_get_passage (comparison, p), 0);
      shared_words += span->n_words;
      for (guint i = 0; i < planted->len; i++)
        {
          const guint *range = &g_array_index (planted, guint, 2 * i);

          if (span->start < range[1] && span->end > range[0])
            found++;
        }
    }
  g_test_message ("found %u of %u planted passages", found, n_planted);
  g_assert_cmpuint (found, >=, n_planted - 1);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), <=, n_planted);
  g_assert_cmpuint (shared_words, <=, n_planted * 31);
  g_assert_finalize_object (comparison);
}

/* Articles of megabytes: split and indexed in two threads, in large buffers (huge pages on
 * Linux); verbatim passages are found whole, at the right offsets. */
static void
test_large (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(GPtrArray) passages = g_ptr_array_new_with_free_func (g_free);
  const char *texts[2];
  GlossComparison *comparison;
  guint n_planted = 20, found = 0;

  for (guint p = 0; p < n_planted; p++)
    {
      GString *passage = g_string_new (NULL);

      append_filler (passage, rand, 40);
      /* without the final point: a passage is words, from the first to the last */
      g_string_truncate (passage, passage->len - 2);
      g_ptr_array_add (passages, g_string_free (passage, FALSE));
    }
  /* in order in a, in reverse order in b, between 12,000 words of filler each */
  for (guint p = 0; p < n_planted; p++)
    {
      append_filler (a, rand, 12000);
      g_string_append_printf (a, "%s. ", (char *) g_ptr_array_index (passages, p));
      append_filler (b, rand, 12000);
      g_string_append_printf (b, "%s. ", (char *) g_ptr_array_index (passages, n_planted - 1 - p));
    }
  g_assert_cmpuint (a->len, >, 1024 * 1024);
  texts[0] = a->str, texts[1] = b->str;

  comparison = compare (texts, 2, 0);
  for (guint p = 0; p < gloss_comparison_get_n_passages (comparison); p++)
    {
      GlossSharedPassage *passage = gloss_comparison_get_passage (comparison, p);
      const GlossPassageSpan *spans[2] = { gloss_shared_passage_get_span_in (passage, 0),
                                           gloss_shared_passage_get_span_in (passage, 1) };
      g_autofree char *in_a = NULL;
      g_autofree char *in_b = NULL;

      in_a = g_utf8_substring (a->str, spans[0]->start, spans[0]->end);
      in_b = g_utf8_substring (b->str, spans[1]->start, spans[1]->end);
      g_assert_cmpstr (in_a, ==, in_b);
      for (guint k = 0; k < n_planted; k++)
        if (strstr (in_a, g_ptr_array_index (passages, k)) != NULL)
          found++;
    }
  g_assert_cmpuint (found, ==, n_planted);
  g_assert_finalize_object (comparison);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/compare/verbatim", test_verbatim);
  g_test_add_func ("/gloss/compare/edited", test_edited);
  g_test_add_func ("/gloss/compare/reordered", test_reordered);
  g_test_add_func ("/gloss/compare/three-articles", test_three_articles);
  g_test_add_func ("/gloss/compare/repeated", test_repeated);
  g_test_add_func ("/gloss/compare/boilerplate", test_boilerplate);
  g_test_add_func ("/gloss/compare/min-words", test_min_words);
  g_test_add_func ("/gloss/compare/empty", test_empty);
  g_test_add_func ("/gloss/compare/unicode", test_unicode);
  g_test_add_func ("/gloss/compare/async", test_async);
  g_test_add_func ("/gloss/compare/quality", test_quality);
  g_test_add_func ("/gloss/compare/large", test_large);

  return g_test_run ();
}
