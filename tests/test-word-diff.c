/* test-word-diff.c: words of a text, and the word-level diff shown inside shared passages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-word-diff.h"

static GlossWord *
split (const char *text,
       guint      *n)
{
  return gloss_words_split (text, strlen (text), 0, n);
}

/* The text of code points [start, end) of @text. */
static char *
cut (const char *text,
     guint       start,
     guint       end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);

  return g_strndup (from, g_utf8_offset_to_pointer (from, end - start) - from);
}

static void
assert_words (const char  *text,
              const char **expected)
{
  g_autofree GlossWord *words = NULL;
  guint n;

  words = split (text, &n);
  g_assert_cmpuint (n, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = cut (text, words[i].start, words[i].end);

      g_assert_cmpstr (word, ==, expected[i]);
    }
}

static void
test_split (void)
{
  assert_words ("The bridge’s pivot — cracked, at 11.40pm; 3,000 people (ﬁne).",
                (const char *[]) { "The", "bridge’s", "pivot", "cracked", "at", "11.40pm",
                                   "3,000", "people", "ﬁne", NULL });
  /* Quotes and dashes are never words; an apostrophe only inside one. */
  assert_words ("“Quoted” 'single' -- co-operate rock ’n’ roll",
                (const char *[]) { "Quoted", "single", "co", "operate", "rock", "n", "roll",
                                   NULL });
  /* Offsets are code points: é is 2 bytes, the emoji 4, and still one code point each. */
  assert_words ("Café 🙂 Ελλάδα naïve e\xcc\x81t\xc3\xa9",
                (const char *[]) { "Café", "Ελλάδα", "naïve", "e\xcc\x81t\xc3\xa9", NULL });
  assert_words ("", (const char *[]) { NULL });
  assert_words (" \n\t… — ", (const char *[]) { NULL });
}

static void
test_split_offset (void)
{
  g_autofree GlossWord *words = NULL;
  guint n;

  words = gloss_words_split ("ab cd", 5, 100, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (words[0].start, ==, 100);
  g_assert_cmpuint (words[1].start, ==, 103);
  g_assert_cmpuint (words[1].end, ==, 105);
}

static void
test_folding (void)
{
  const char *same[][2] = {
    { "Bridge's", "bridge’s" },
    { "BRIDGE", "bridge" },
    { "ﬁne", "fine" },
    { "ΕΛΛΆΔΑ", "ελλάδα" },
  };
  const char *different[][2] = {
    { "bridge", "bridges" },
    { "cafe", "café" },
    { "11.40", "11:40" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree GlossWord *a = NULL;
      g_autofree GlossWord *b = NULL;
      guint na, nb;

      a = split (same[i][0], &na);
      b = split (same[i][1], &nb);
      g_assert_cmpuint (na, ==, 1);
      g_assert_cmpuint (nb, ==, 1);
      g_assert_cmphex (a[0].hash, ==, b[0].hash);
    }
  for (guint i = 0; i < G_N_ELEMENTS (different); i++)
    {
      g_autofree GlossWord *a = NULL;
      g_autofree GlossWord *b = NULL;
      guint na, nb;

      a = split (different[i][0], &na);
      b = split (different[i][1], &nb);
      g_assert_cmpuint (na, ==, 1);
      g_assert_cmpuint (nb, ==, 1);
      g_assert_cmphex (a[0].hash, !=, b[0].hash);
    }
}

static GArray *
diff (const char *a,
      const char *b)
{
  return gloss_word_diff (a, strlen (a), 0, b, strlen (b), 0);
}

/* Asserts one op: its kind and the text of both its spans. */
static void
assert_op (const char *a,
           const char *b,
           GArray     *ops,
           guint       i,
           GlossWordDiffKind kind,
           const char *a_text,
           const char *b_text)
{
  const GlossWordDiffOp *op;
  g_autofree char *got_a = NULL;
  g_autofree char *got_b = NULL;

  g_assert_cmpuint (i, <, ops->len);
  op = &g_array_index (ops, GlossWordDiffOp, i);
  got_a = cut (a, op->a_start, op->a_end);
  got_b = cut (b, op->b_start, op->b_end);
  g_assert_cmpstr (gloss_word_diff_kind_to_string (op->kind), ==,
                   gloss_word_diff_kind_to_string (kind));
  g_assert_cmpstr (got_a, ==, a_text);
  g_assert_cmpstr (got_b, ==, b_text);
}

static void
test_diff_equal (void)
{
  const char *a = "“The bridge will stay closed,” she said.";
  const char *b = "\"the Bridge will stay closed\" -- she said";
  g_autoptr(GArray) ops = diff (a, b);

  g_assert_cmpuint (ops->len, ==, 1);
  assert_op (a, b, ops, 0, GLOSS_WORD_DIFF_EQUAL, "The bridge will stay closed,” she said",
             "the Bridge will stay closed\" -- she said");
  g_assert_cmpuint (gloss_word_diff_count_equal (ops), ==, 7);
}

static void
test_diff_edits (void)
{
  const char *a = "The bridge will stay closed for weeks, said the leader of the council.";
  const char *b = "The bridge will remain closed for many weeks, said the council leader.";
  g_autoptr(GArray) ops = diff (a, b);

  g_assert_cmpuint (ops->len, ==, 8);
  assert_op (a, b, ops, 0, GLOSS_WORD_DIFF_EQUAL, "The bridge will", "The bridge will");
  assert_op (a, b, ops, 1, GLOSS_WORD_DIFF_REPLACE, "stay", "remain");
  assert_op (a, b, ops, 2, GLOSS_WORD_DIFF_EQUAL, "closed for", "closed for");
  assert_op (a, b, ops, 3, GLOSS_WORD_DIFF_INSERT, "", "many");
  assert_op (a, b, ops, 4, GLOSS_WORD_DIFF_EQUAL, "weeks, said the", "weeks, said the");
  assert_op (a, b, ops, 5, GLOSS_WORD_DIFF_DELETE, "leader of the", "");
  assert_op (a, b, ops, 6, GLOSS_WORD_DIFF_EQUAL, "council", "council");
  assert_op (a, b, ops, 7, GLOSS_WORD_DIFF_INSERT, "", "leader");
  g_assert_cmpuint (gloss_word_diff_count_equal (ops), ==, 9);

  /* An insertion is placed right after the word before it, in the text without it. */
  g_assert_cmpuint (g_array_index (ops, GlossWordDiffOp, 3).a_start, ==, 31);
}

static void
test_diff_unicode_offsets (void)
{
  const char *a = "🙂 Ελλάδα: η γέφυρα έκλεισε";
  const char *b = "η γέφυρα δεν έκλεισε";
  g_autoptr(GArray) ops = gloss_word_diff (a, strlen (a), 10, b, strlen (b), 1000);
  const GlossWordDiffOp *op;

  g_assert_cmpuint (ops->len, ==, 4);
  op = &g_array_index (ops, GlossWordDiffOp, 0);
  g_assert_cmpint (op->kind, ==, GLOSS_WORD_DIFF_DELETE);
  g_assert_cmpuint (op->a_start, ==, 12);   /* after "🙂 ", with the offset */
  g_assert_cmpuint (op->a_end, ==, 18);
  g_assert_cmpuint (op->b_start, ==, 1000);
  g_assert_cmpuint (op->b_end, ==, 1000);
  op = &g_array_index (ops, GlossWordDiffOp, 2);
  g_assert_cmpint (op->kind, ==, GLOSS_WORD_DIFF_INSERT);
  g_assert_cmpuint (op->b_start, ==, 1009);
  g_assert_cmpuint (op->b_end, ==, 1012);
}

static void
test_diff_empty (void)
{
  g_autoptr(GArray) none = diff ("", " … ");
  g_autoptr(GArray) inserted = diff ("", "two words");
  g_autoptr(GArray) deleted = diff ("two words", "—");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (inserted->len, ==, 1);
  assert_op ("", "two words", inserted, 0, GLOSS_WORD_DIFF_INSERT, "", "two words");
  g_assert_cmpuint (deleted->len, ==, 1);
  assert_op ("two words", "—", deleted, 0, GLOSS_WORD_DIFF_DELETE, "two words", "");
}

static guint
lcs_length (const GlossWord *a,
            guint            n,
            const GlossWord *b,
            guint            m)
{
  g_autofree guint *row = g_new0 (guint, (m + 1) * 2);

  for (guint i = 1; i <= n; i++)
    {
      guint *cur = row + (i % 2) * (m + 1), *prev = row + ((i + 1) % 2) * (m + 1);

      for (guint j = 1; j <= m; j++)
        cur[j] = a[i - 1].hash == b[j - 1].hash ? prev[j - 1] + 1 : MAX (prev[j], cur[j - 1]);
    }
  return row[(n % 2) * (m + 1) + m];
}

/* Random word lists: the ops cover both in order, equal runs are equal, and Myers finds a
 * longest common subsequence. */
static void
test_diff_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  const char *vocabulary[] = { "a", "b", "c", "d", "e", "f" };

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) sa = g_string_new (NULL);
      g_autoptr(GString) sb = g_string_new (NULL);
      g_autofree GlossWord *wa = NULL;
      g_autofree GlossWord *wb = NULL;
      g_autoptr(GArray) ops = NULL;
      guint na, nb, i = 0, j = 0;

      for (guint k = g_rand_int_range (rand, 0, 40); k > 0; k--)
        g_string_append_printf (sa, "%s ", vocabulary[g_rand_int_range (rand, 0, 6)]);
      for (guint k = g_rand_int_range (rand, 0, 40); k > 0; k--)
        g_string_append_printf (sb, "%s ", vocabulary[g_rand_int_range (rand, 0, 6)]);

      wa = split (sa->str, &na);
      wb = split (sb->str, &nb);
      ops = gloss_word_diff_words (wa, na, wb, nb);
      for (guint k = 0; k < ops->len; k++)
        {
          const GlossWordDiffOp *op = &g_array_index (ops, GlossWordDiffOp, k);

          if (op->a_words > 0)
            g_assert_cmpuint (op->a_start, ==, wa[i].start);
          if (op->b_words > 0)
            g_assert_cmpuint (op->b_start, ==, wb[j].start);
          if (op->kind == GLOSS_WORD_DIFF_EQUAL)
            {
              g_assert_cmpuint (op->a_words, ==, op->b_words);
              for (guint w = 0; w < op->a_words; w++)
                g_assert_cmphex (wa[i + w].hash, ==, wb[j + w].hash);
            }
          i += op->a_words;
          j += op->b_words;
        }
      g_assert_cmpuint (i, ==, na);
      g_assert_cmpuint (j, ==, nb);
      g_assert_cmpuint (gloss_word_diff_count_equal (ops), ==, lcs_length (wa, na, wb, nb));
    }
}

/* Too different to show word by word: still a valid diff, and quick. */
static void
test_diff_too_different (void)
{
  g_autoptr(GString) sa = g_string_new ("same start ");
  g_autoptr(GString) sb = g_string_new ("same start ");
  g_autoptr(GArray) ops = NULL;

  for (guint i = 0; i < 3000; i++)
    {
      g_string_append_printf (sa, "a%u ", i);
      g_string_append_printf (sb, "b%u ", i);
    }
  g_string_append (sa, "same end");
  g_string_append (sb, "same end");

  ops = diff (sa->str, sb->str);
  g_assert_cmpuint (ops->len, ==, 3);
  g_assert_cmpint (g_array_index (ops, GlossWordDiffOp, 1).kind, ==, GLOSS_WORD_DIFF_REPLACE);
  g_assert_cmpuint (g_array_index (ops, GlossWordDiffOp, 1).a_words, ==, 3000);
  g_assert_cmpuint (gloss_word_diff_count_equal (ops), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/word-diff/split", test_split);
  g_test_add_func ("/gloss/word-diff/split-offset", test_split_offset);
  g_test_add_func ("/gloss/word-diff/folding", test_folding);
  g_test_add_func ("/gloss/word-diff/equal", test_diff_equal);
  g_test_add_func ("/gloss/word-diff/edits", test_diff_edits);
  g_test_add_func ("/gloss/word-diff/unicode-offsets", test_diff_unicode_offsets);
  g_test_add_func ("/gloss/word-diff/empty", test_diff_empty);
  g_test_add_func ("/gloss/word-diff/random", test_diff_random);
  g_test_add_func ("/gloss/word-diff/too-different", test_diff_too_different);

  return g_test_run ();
}
