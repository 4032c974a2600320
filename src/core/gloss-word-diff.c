/* gloss-word-diff.c: words of a text, and a word-level diff of two texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared passages are compared word by word, never character by character: what a reader
 * wants to see is "said" became "told", not which letters changed. Words are compared
 * folded (case, curly or straight apostrophes, ligatures), so that only real rewording shows
 * up; punctuation and spacing are not words and never make a difference.
 *
 * The diff is Myers' O(ND) algorithm on word hashes. Passages are short and nearly equal, so
 * D is small; past MAX_EDITS the middle is reported as one replacement rather than spending
 * quadratic memory on a diff nobody could read anyway.
 */

#define G_LOG_DOMAIN "gloss-word-diff"

#include "config.h"

#include <string.h>

#include "gloss-compare-private.h"
#include "gloss-word-diff.h"

#define MAX_EDITS 1024

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

enum { CLASS_SPACE, CLASS_WORD, CLASS_APOSTROPHE };

/* Built once: ASCII is nearly all of most articles, and a table beats the Unicode calls. */
static guint8 ascii_class[128];
static guint8 ascii_lower[128];

static void
init_ascii_class (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint c = 0; c < 128; c++)
        {
          ascii_class[c] = g_ascii_isalnum (c) ? CLASS_WORD
                         : c == '\'' ? CLASS_APOSTROPHE : CLASS_SPACE;
          ascii_lower[c] = g_ascii_tolower (c);
        }
      g_once_init_leave (&initialized, 1);
    }
}

static inline guint32
mix_char (guint32  h,
          gunichar c)
{
  return (h ^ c) * FNV_PRIME;
}

/* The finalizer of MurmurHash3: FNV alone leaves the low bits, which tables use, weak. */
static inline guint32
finish_hash (guint32 h)
{
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

static inline gboolean
is_word_char (gunichar c)
{
  return c < 128 ? ascii_class[c] == CLASS_WORD : g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* Folds a non-ASCII letter into the hash: lower case, ligatures spelt out. */
static inline guint32
mix_folded (guint32  h,
            gunichar c)
{
  switch (c)
    {
    case 0xFB00: return mix_char (mix_char (h, 'f'), 'f');
    case 0xFB01: return mix_char (mix_char (h, 'f'), 'i');
    case 0xFB02: return mix_char (mix_char (h, 'f'), 'l');
    case 0xFB03: return mix_char (mix_char (mix_char (h, 'f'), 'f'), 'i');
    case 0xFB04: return mix_char (mix_char (mix_char (h, 'f'), 'f'), 'l');
    case 0xFB05: case 0xFB06: return mix_char (mix_char (h, 's'), 't');
    default: return mix_char (h, g_unichar_tolower (c));
    }
}

/**
 * gloss_words_split:
 * @text: valid UTF-8
 * @len: its length in bytes
 * @offset: the code-point offset of @text in the article, added to every position
 * @n_words: (out): how many words there are
 *
 * Splits a text into words: runs of letters, digits and marks, with an apostrophe between
 * letters kept inside the word ("bridge’s" is one word, as people count words), and a point,
 * comma or colon between digits too ("11.40pm", "3,000"). Each word
 * carries the hash of its folded spelling, so that "Bridge’s" and "bridge's" are equal.
 *
 * Returns: (transfer full) (array length=n_words): the words, in order
 */
GlossWord *
gloss_words_split (const char *text,
                   gsize       len,
                   guint       offset,
                   guint      *n_words)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  GlossWord *words;
  gsize alloc = len / 6 + 16;
  gsize n = 0;
  guint cp = offset;
  guint32 h = 0;
  gunichar last = 0;
  guint start = 0;
  gboolean in_word = FALSE;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (n_words != NULL, NULL);

  init_ascii_class ();
  words = g_new (GlossWord, alloc);

  while (p < end)
    {
      gunichar c = *p;
      gboolean word;

      if (c < 0x80)
        {
          p++;
          word = ascii_class[c] == CLASS_WORD;
          if (word)
            c = ascii_lower[c];
        }
      else
        {
          c = g_utf8_get_char ((const char *) p);
          p = (const guchar *) g_utf8_next_char (p);
          word = is_word_char (c);
        }

      if (word)
        {
          if (!in_word)
            {
              in_word = TRUE;
              start = cp;
              h = FNV_BASIS;
            }
          h = c < 0x80 ? mix_char (h, c) : mix_folded (h, c);
          last = c;
          /* The rest of an ASCII word, without the general case's branches. */
          while (p < end && *p < 0x80 && ascii_class[*p] == CLASS_WORD)
            {
              last = ascii_lower[*p++];
              h = mix_char (h, last);
              cp++;
            }
        }
      else if (in_word && is_apostrophe (c) && p < end &&
               is_word_char (*p < 0x80 ? *p : g_utf8_get_char ((const char *) p)))
        {
          h = mix_char (h, '\'');
        }
      else if (in_word && (c == '.' || c == ',' || c == ':') && g_ascii_isdigit (last) &&
               p < end && g_ascii_isdigit (*p))
        {
          /* 11.40pm, 3,000 and 10:30 are one word each. */
          h = mix_char (h, c);
        }
      else if (in_word)
        {
          if (n == alloc)
            {
              alloc *= 2;
              words = g_renew (GlossWord, words, alloc);
            }
          words[n++] = (GlossWord) { finish_hash (h), start, cp };
          in_word = FALSE;
        }
      cp++;
    }

  if (in_word)
    {
      if (n == alloc)
        words = g_renew (GlossWord, words, alloc + 1);
      words[n++] = (GlossWord) { finish_hash (h), start, cp };
    }

  *n_words = n;
  return words;
}

/* The elementary edits, one per word, found backwards. */
enum { EDIT_EQUAL, EDIT_DELETE, EDIT_INSERT };

/* Myers' greedy diff of a[0..n) and b[0..m), which share no first or last word. Appends the
 * edits, last first, to @edits; FALSE when more than MAX_EDITS would be needed. */
static gboolean
myers (const GlossWord *a,
       guint            n,
       const GlossWord *b,
       guint            m,
       GByteArray      *edits)
{
  guint max = MIN (n + m, MAX_EDITS);
  g_autofree int *v = g_new0 (int, 2 * max + 3);
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  int *vk = v + max + 1;   /* vk[k]: furthest x on diagonal k, k in [-max-1, max+1] */
  int found = -1;
  int x, y;

  for (int d = 0; d <= (int) max && found < 0; d++)
    {
      /* The state before step d, for the way back: entries -d-1 .. d+1. */
      g_ptr_array_add (trace, g_memdup2 (vk - d - 1, (2 * d + 3) * sizeof (int)));

      for (int k = -d; k <= d; k += 2)
        {
          if (k == -d || (k != d && vk[k - 1] < vk[k + 1]))
            x = vk[k + 1];
          else
            x = vk[k - 1] + 1;
          y = x - k;
          while (x < (int) n && y < (int) m && a[x].hash == b[y].hash)
            x++, y++;
          vk[k] = x;
          if (x >= (int) n && y >= (int) m)
            {
              found = d;
              break;
            }
        }
    }

  if (found < 0)
    return FALSE;

  x = n;
  y = m;
  for (int d = found; d >= 0; d--)
    {
      const int *tv = (const int *) g_ptr_array_index (trace, d) + d + 1;
      int k = x - y;
      int prev_k = (k == -d || (k != d && tv[k - 1] < tv[k + 1])) ? k + 1 : k - 1;
      int prev_x = tv[prev_k];
      int prev_y = prev_x - prev_k;

      while (x > prev_x && y > prev_y)
        {
          g_byte_array_append (edits, (guint8[]) { EDIT_EQUAL }, 1);
          x--, y--;
        }
      if (d > 0)
        g_byte_array_append (edits, (guint8[]) { x == prev_x ? EDIT_INSERT : EDIT_DELETE }, 1);
      x = prev_x;
      y = prev_y;
    }

  return TRUE;
}

/* Where a run of no words sits: just after the word before it. */
static guint
empty_at (const GlossWord *words,
          guint            n,
          guint            i)
{
  if (i > 0)
    return words[i - 1].end;
  return n > 0 ? words[0].start : 0;
}

static void
push_op (GArray          *ops,
         gboolean         equal,
         const GlossWord *a,
         guint            n_a,
         guint            a0,
         guint            a1,
         const GlossWord *b,
         guint            n_b,
         guint            b0,
         guint            b1)
{
  GlossWordDiffOp op;

  if (a0 == a1 && b0 == b1)
    return;

  if (equal)
    op.kind = GLOSS_WORD_DIFF_EQUAL;
  else if (a0 == a1)
    op.kind = GLOSS_WORD_DIFF_INSERT;
  else if (b0 == b1)
    op.kind = GLOSS_WORD_DIFF_DELETE;
  else
    op.kind = GLOSS_WORD_DIFF_REPLACE;

  op.a_start = a0 < a1 ? a[a0].start : empty_at (a, n_a, a0);
  op.a_end = a0 < a1 ? a[a1 - 1].end : op.a_start;
  op.b_start = b0 < b1 ? b[b0].start : empty_at (b, n_b, b0);
  op.b_end = b0 < b1 ? b[b1 - 1].end : op.b_start;
  op.a_words = a1 - a0;
  op.b_words = b1 - b0;
  g_array_append_val (ops, op);
}

/**
 * gloss_word_diff_words:
 * @a: (array length=n_a): the words of the first text
 * @b: (array length=n_b): the words of the second text
 *
 * Diffs two lists of words (from gloss_words_split()). Runs of deleted and inserted words
 * between two equal runs are one %GLOSS_WORD_DIFF_REPLACE.
 *
 * Returns: (transfer full) (element-type GlossWordDiffOp): the runs, in order
 */
GArray *
gloss_word_diff_words (const GlossWord *a,
                       guint            n_a,
                       const GlossWord *b,
                       guint            n_b)
{
  GArray *ops = g_array_new (FALSE, FALSE, sizeof (GlossWordDiffOp));
  g_autoptr(GByteArray) edits = g_byte_array_new ();
  guint prefix = 0, suffix = 0;
  guint i = 0, j = 0, run_i = 0, run_j = 0;
  int run_equal = -1;

  g_return_val_if_fail (a != NULL || n_a == 0, ops);
  g_return_val_if_fail (b != NULL || n_b == 0, ops);

  while (prefix < n_a && prefix < n_b && a[prefix].hash == b[prefix].hash)
    prefix++;
  while (suffix < n_a - prefix && suffix < n_b - prefix &&
         a[n_a - 1 - suffix].hash == b[n_b - 1 - suffix].hash)
    suffix++;

  /* Built backwards: the suffix, the middle, then the prefix. */
  for (guint k = 0; k < suffix; k++)
    g_byte_array_append (edits, (guint8[]) { EDIT_EQUAL }, 1);
  if (!myers (a + prefix, n_a - prefix - suffix, b + prefix, n_b - prefix - suffix, edits))
    {
      /* Too different to show word by word: one replacement, deletes before inserts. */
      for (guint k = prefix; k < n_b - suffix; k++)
        g_byte_array_append (edits, (guint8[]) { EDIT_INSERT }, 1);
      for (guint k = prefix; k < n_a - suffix; k++)
        g_byte_array_append (edits, (guint8[]) { EDIT_DELETE }, 1);
    }
  for (guint k = 0; k < prefix; k++)
    g_byte_array_append (edits, (guint8[]) { EDIT_EQUAL }, 1);

  for (guint e = edits->len; e-- > 0;)
    {
      gboolean equal = edits->data[e] == EDIT_EQUAL;

      if (run_equal != (int) equal)
        {
          push_op (ops, run_equal == 1, a, n_a, run_i, i, b, n_b, run_j, j);
          run_equal = equal;
          run_i = i;
          run_j = j;
        }
      if (edits->data[e] != EDIT_INSERT)
        i++;
      if (edits->data[e] != EDIT_DELETE)
        j++;
    }
  push_op (ops, run_equal == 1, a, n_a, run_i, i, b, n_b, run_j, j);
  g_assert (i == n_a && j == n_b);

  return ops;
}

/**
 * gloss_word_diff:
 * @a: UTF-8 text
 * @a_len: its length in bytes
 * @a_offset: the code-point offset of @a in its article, added to the spans of @a
 * @b: UTF-8 text
 * @b_len: its length in bytes
 * @b_offset: the code-point offset of @b in its article
 *
 * Diffs two texts word by word (see gloss_word_diff_words()).
 *
 * Returns: (transfer full) (element-type GlossWordDiffOp): the runs, in order
 */
GArray *
gloss_word_diff (const char *a,
                 gsize       a_len,
                 guint       a_offset,
                 const char *b,
                 gsize       b_len,
                 guint       b_offset)
{
  g_autofree GlossWord *wa = NULL;
  g_autofree GlossWord *wb = NULL;
  guint n_a, n_b;

  wa = gloss_words_split (a, a_len, a_offset, &n_a);
  wb = gloss_words_split (b, b_len, b_offset, &n_b);

  return gloss_word_diff_words (wa, n_a, wb, n_b);
}

/**
 * gloss_word_diff_count_equal:
 * @ops: (element-type GlossWordDiffOp): a diff
 *
 * Returns: how many words the two texts have in common, in the same order
 */
guint
gloss_word_diff_count_equal (GArray *ops)
{
  guint n = 0;

  g_return_val_if_fail (ops != NULL, 0);

  for (guint i = 0; i < ops->len; i++)
    {
      const GlossWordDiffOp *op = &g_array_index (ops, GlossWordDiffOp, i);

      if (op->kind == GLOSS_WORD_DIFF_EQUAL)
        n += op->a_words;
    }

  return n;
}

const char *
gloss_word_diff_kind_to_string (GlossWordDiffKind kind)
{
  switch (kind)
    {
    case GLOSS_WORD_DIFF_EQUAL: return "equal";
    case GLOSS_WORD_DIFF_DELETE: return "delete";
    case GLOSS_WORD_DIFF_INSERT: return "insert";
    case GLOSS_WORD_DIFF_REPLACE: return "replace";
    default: g_return_val_if_reached (NULL);
    }
}

/* The compared texts (gloss-compare-private.h) */

#define CHECKPOINT 1024

static void
texts_clear (gpointer data)
{
  GlossCompareTexts *texts = data;

  for (guint i = 0; i < texts->n; i++)
    {
      g_free (texts->texts[i]);
      g_free (texts->checkpoints[i]);
    }
  g_free (texts->texts);
  g_free (texts->borrowed);
  g_free (texts->lens);
  g_free (texts->checkpoints);
  g_mutex_clear (&texts->lock);
}

GlossCompareTexts *
gloss_compare_texts_ref (GlossCompareTexts *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
gloss_compare_texts_unref (GlossCompareTexts *self)
{
  g_atomic_rc_box_release_full (self, texts_clear);
}

/* Copies the texts; invalid UTF-8 is repaired so that offsets mean what they say. */
GlossCompareTexts *
gloss_compare_texts_new (const char * const *texts,
                         guint               n,
                         gboolean            copy)
{
  GlossCompareTexts *self = g_atomic_rc_box_new0 (GlossCompareTexts);

  g_mutex_init (&self->lock);
  self->n = n;
  self->texts = g_new0 (char *, n);
  self->borrowed = g_new0 (const char *, n);
  self->lens = g_new0 (gsize, n);
  self->checkpoints = g_new0 (guint *, n);
  for (guint i = 0; i < n; i++)
    {
      const char *text = texts[i] != NULL ? texts[i] : "";

      if (copy)
        self->texts[i] = g_strdup (text);
      else
        self->borrowed[i] = text;
    }

  return self;
}

/* Makes text @i the texts' own, valid UTF-8 (invalid bytes are replaced, so that offsets
 * mean what they say). Called once per text, from any thread: the engine does it in
 * parallel, as it is a good part of the time spent on large articles. */
void
gloss_compare_texts_own (GlossCompareTexts *self,
                         guint              i)
{
  const char *text = self->texts[i] != NULL ? self->texts[i] : self->borrowed[i];
  const char *valid_end;
  gsize len;

  /* one pass finds both the length and whether it is valid, where megabytes take time */
  if (g_utf8_validate (text, -1, &valid_end))
    {
      len = valid_end - text;
      if (self->texts[i] == NULL)
        self->texts[i] = g_memdup2 (text, len + 1);
    }
  else
    {
      char *valid = g_utf8_make_valid (text, -1);

      g_free (self->texts[i]);
      self->texts[i] = valid;
      len = strlen (valid);
    }

  self->borrowed[i] = NULL;
  self->lens[i] = len;
}

const char *
gloss_compare_texts_pointer_at (GlossCompareTexts *self,
                                guint              article,
                                guint              offset)
{
  const char *text = self->texts[article];
  guint *checkpoints;

  g_mutex_lock (&self->lock);
  if (self->checkpoints[article] == NULL)
    {
      gsize n = g_utf8_strlen (text, self->lens[article]) / CHECKPOINT + 1;
      const char *p = text;

      checkpoints = g_new (guint, n);
      for (gsize i = 0; i < n; i++)
        {
          checkpoints[i] = p - text;
          if (i + 1 < n)
            p = g_utf8_offset_to_pointer (p, CHECKPOINT);
        }
      self->checkpoints[article] = checkpoints;
    }
  checkpoints = self->checkpoints[article];
  g_mutex_unlock (&self->lock);

  return g_utf8_offset_to_pointer (text + checkpoints[offset / CHECKPOINT], offset % CHECKPOINT);
}

G_DEFINE_FINAL_TYPE (GlossSharedPassage, gloss_shared_passage, G_TYPE_OBJECT)

/* GlossSharedPassage */

static void
gloss_shared_passage_finalize (GObject *object)
{
  GlossSharedPassage *self = GLOSS_SHARED_PASSAGE (object);

  g_free (self->spans);
  g_clear_pointer (&self->texts, gloss_compare_texts_unref);

  G_OBJECT_CLASS (gloss_shared_passage_parent_class)->finalize (object);
}

static void
gloss_shared_passage_class_init (GlossSharedPassageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_shared_passage_finalize;
}

static void
gloss_shared_passage_init (GlossSharedPassage *self)
{
}

guint
gloss_shared_passage_get_index (GlossSharedPassage *self)
{
  g_return_val_if_fail (GLOSS_IS_SHARED_PASSAGE (self), 0);

  return self->index;
}

/**
 * gloss_shared_passage_get_similarity:
 *
 * Returns: from 0 to 1: twice the equal words over the words of both spans, averaged over
 *   the pairs of articles that share the passage; 1 when it is verbatim
 */
double
gloss_shared_passage_get_similarity (GlossSharedPassage *self)
{
  g_return_val_if_fail (GLOSS_IS_SHARED_PASSAGE (self), 0.0);

  return self->similarity;
}

/**
 * gloss_shared_passage_get_n_words:
 *
 * Returns: the words of its longest span
 */
guint
gloss_shared_passage_get_n_words (GlossSharedPassage *self)
{
  g_return_val_if_fail (GLOSS_IS_SHARED_PASSAGE (self), 0);

  return self->n_words;
}

/**
 * gloss_shared_passage_get_spans:
 * @n_spans: (out): how many
 *
 * Returns: (transfer none) (array length=n_spans): where the passage is, by article then
 *   start; an article that repeats the passage has more than one span
 */
const GlossPassageSpan *
gloss_shared_passage_get_spans (GlossSharedPassage *self,
                                guint              *n_spans)
{
  g_return_val_if_fail (GLOSS_IS_SHARED_PASSAGE (self), NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);

  *n_spans = self->n_spans;
  return self->spans;
}

gboolean
gloss_shared_passage_has_article (GlossSharedPassage *self,
                                  guint               article)
{
  return gloss_shared_passage_get_span_in (self, article) != NULL;
}

/**
 * gloss_shared_passage_get_span_in:
 *
 * Returns: (transfer none) (nullable): the first span of the passage in @article
 */
const GlossPassageSpan *
gloss_shared_passage_get_span_in (GlossSharedPassage *self,
                                  guint               article)
{
  g_return_val_if_fail (GLOSS_IS_SHARED_PASSAGE (self), NULL);

  for (guint i = 0; i < self->n_spans; i++)
    if (self->spans[i].article == article)
      return &self->spans[i];
  return NULL;
}

/**
 * gloss_shared_passage_dup_diff:
 *
 * The word-level differences between the passage's first span in @article_a and in
 * @article_b, for display. Spans of the runs are code points over each article's text.
 *
 * Returns: (transfer full) (nullable) (element-type GlossWordDiffOp): the runs, or %NULL
 *   when the passage is not in both articles
 */
GArray *
gloss_shared_passage_dup_diff (GlossSharedPassage *self,
                               guint               article_a,
                               guint               article_b)
{
  const GlossPassageSpan *sa, *sb;
  const char *a0, *a1, *b0, *b1;

  g_return_val_if_fail (GLOSS_IS_SHARED_PASSAGE (self), NULL);

  sa = gloss_shared_passage_get_span_in (self, article_a);
  sb = gloss_shared_passage_get_span_in (self, article_b);
  if (sa == NULL || sb == NULL)
    return NULL;

  a0 = gloss_compare_texts_pointer_at (self->texts, article_a, sa->start);
  a1 = g_utf8_offset_to_pointer (a0, sa->end - sa->start);
  b0 = gloss_compare_texts_pointer_at (self->texts, article_b, sb->start);
  b1 = g_utf8_offset_to_pointer (b0, sb->end - sb->start);

  return gloss_word_diff (a0, a1 - a0, sa->start, b0, b1 - b0, sb->start);
}
