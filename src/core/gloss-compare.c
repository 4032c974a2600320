/* gloss-compare.c: the passages that several articles share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine works on words, never on characters: each article becomes a list of folded
 * word hashes (gloss-word-diff.c), which makes case, quotation marks, dashes, punctuation and
 * spacing irrelevant while every word keeps its code-point span in the real text.
 *
 * For each pair of articles, runs of SEED_WORDS words that both contain are seeds. Seeds on
 * one diagonal (the same shift between the two articles) make a chain; chains close to each
 * other, allowing a few changed, inserted or dropped words, make a passage; its ends are then
 * extended word by word. A passage is kept when it has enough words and enough of them are
 * equal. Runs of words that occur many times in one article (boilerplate, captions, "Sign up
 * for our newsletter") are never seeds, and an article is never compared with itself, so
 * repeated text inside one article is not a shared passage. Finally, passages of every pair
 * that cover the same text of an article are grouped, so that a quote three outlets share is
 * one passage with a span in each. docs/compare.md has the details and figures.
 */

#define G_LOG_DOMAIN "gloss-compare"

#include "config.h"

#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "gloss-compare-private.h"

#define SEED_WORDS        4     /* words in a seed, fewer only when asked for shorter passages */
#define MAX_OCCURRENCES   24    /* a run of words more frequent in one article is no seed */
#define SAME_DIAGONAL_GAP 6     /* words between two seeds of one chain */
#define MERGE_GAP         10    /* words between two chains of one passage */
#define MERGE_SHIFT       8     /* words inserted or dropped between them */
#define MIN_SIMILARITY    0.5
#define EXACT_DIFF_WORDS  4000  /* longer passages use the seeds' estimate of similarity */
#define CANCEL_CHECK      (1 << 16)
#define PREFETCH          16    /* gram index lookups issued ahead */
#define LARGE_TEXTS       (256 * 1024)  /* worth a second thread */
#define LARGE_SCAN        (32 * 1024)   /* grams of a pair scan worth a second thread */

#if defined(__GNUC__) || defined(__clang__)
#define prefetch(p) __builtin_prefetch (p)
#else
#define prefetch(p) ((void) (p))
#endif

struct _GlossComparison
{
  GObject            parent_instance;

  guint              n_articles;
  guint              min_words;
  GPtrArray         *passages;
  guint             *n_words;       /* per article */
  double            *fractions;     /* n × n: [a * n + b] shared with b; [a * n + a] any */
  GArray           **shared_spans;  /* per article, GlossSharedSpan by start */
  GlossCompareTexts *texts;
};

static void gloss_comparison_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossComparison, gloss_comparison, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gloss_comparison_list_model_init))

/* A slot of the gram index; one cache line holds 8, so a lookup is mostly one memory read. */
typedef struct
{
  guint32 gram;
  guint32 position;  /* + 1; 0 when the slot is empty */
} Entry;

/* A large zeroed array, in huge pages where the system gives them (see big_alloc0()). */
typedef struct
{
  gpointer data;
  gpointer map;     /* what was mapped, or NULL when data was allocated with g_malloc0() */
  gsize    length;
} BigArray;

/* One article while it is compared. */
typedef struct
{
  GlossWord *words;
  guint      n_words;
  guint32   *grams;     /* hash of the SEED_WORDS words from each word on */
  BigArray   grams_memory;
  guint      n_grams;
  Entry     *table;     /* gram index, open addressing: where each gram occurs */
  BigArray   table_memory;
  guint32    mask;
  guint      seed_words;
} Article;

typedef struct
{
  guint a0, a1, b0, b1;  /* word indices, ends exclusive */
  guint covered;         /* words matched by seeds, an estimate of the equal words */
} Chain;

/* A passage two articles share, before grouping. */
typedef struct
{
  guint  x, y;
  Chain  c;
  double similarity;
} PairPassage;

typedef struct
{
  guint start, end;  /* word indices */
  guint id;
} WordSpan;

typedef struct
{
  guint article, start, end;  /* word indices */
} GroupSpan;

/* engine: one article */

static inline guint32
gram_hash (const GlossWord *w,
           guint            k)
{
  guint32 h = w[0].hash;

  for (guint t = 1; t < k; t++)
    h = (h ^ (h >> 15)) * 0x9E3779B1u + w[t].hash;
  return h ^ (h >> 16);
}

#define HUGE_PAGE  (2 * 1024 * 1024)
/* Smaller arrays (the index of a 1 MB article is 4 MB) gain nothing measurable, and the
 * kernel may compact memory to find a huge page. */
#define HUGE_ARRAY (4 * HUGE_PAGE)

/* The gram index of a 10 MB article is 32 MB, filled and probed at random: in pages of
 * 4 KB that is 8,192 page faults and a TLB miss on nearly every access, which cost more
 * than the hashing (and its 7 MB of grams are read along with it). Linux gives pages of
 * 2 MB to a mapping that asks for them (transparent huge pages, "madvise" mode on Debian);
 * elsewhere, or if the mapping fails, this is g_malloc0(). */
static gpointer
big_alloc0 (BigArray *array,
            gsize     size)
{
  *array = (BigArray) { NULL, NULL, 0 };

#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (size >= HUGE_ARRAY)
    {
      /* one huge page more, to start on a boundary: the kernel maps only whole ones */
      gsize length = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE + HUGE_PAGE;
      guint8 *map = mmap (NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                          -1, 0);

      if (map != MAP_FAILED)
        {
          guint8 *data = (guint8 *) (((guintptr) map + HUGE_PAGE - 1) &
                                     ~(guintptr) (HUGE_PAGE - 1));

          madvise (data, length - (data - map), MADV_HUGEPAGE);
          *array = (BigArray) { data, map, length };
          return data;
        }
    }
#endif

  array->data = g_malloc0 (MAX (size, 1));
  return array->data;
}

static void
big_free (BigArray *array)
{
#ifdef __linux__
  if (array->map != NULL)
    munmap (array->map, array->length);
  else
#endif
    g_free (array->data);
  *array = (BigArray) { NULL, NULL, 0 };
}

static void
article_clear (Article *a)
{
  g_free (a->words);
  big_free (&a->grams_memory);
  big_free (&a->table_memory);
}

static void
article_prepare (Article    *a,
                 const char *text,
                 gsize       len)
{
  guint k = a->seed_words;
  guint size = 16;

  a->words = gloss_words_split (text, len, 0, &a->n_words);
  a->n_grams = a->n_words >= k ? a->n_words - k + 1 : 0;
  a->grams = big_alloc0 (&a->grams_memory, a->n_grams * sizeof (guint32));
  for (guint i = 0; i < a->n_grams; i++)
    a->grams[i] = gram_hash (a->words + i, k);

  while (size < 2 * a->n_grams)
    size *= 2;
  a->mask = size - 1;
  a->table = big_alloc0 (&a->table_memory, size * sizeof (Entry));
  for (guint i = 0; i < a->n_grams; i++)
    {
      guint32 gram = a->grams[i];
      guint32 slot = gram & a->mask;
      guint same = 0;

      /* The table is far larger than the caches: ask for the slots ahead of time. */
      if (i + PREFETCH < a->n_grams)
        prefetch (&a->table[a->grams[i + PREFETCH] & a->mask]);

      /* At most MAX_OCCURRENCES + 1 entries per gram: enough to know it is too frequent,
       * and boilerplate repeated a thousand times cannot make lookups slow. */
      for (; a->table[slot].position != 0; slot = (slot + 1) & a->mask)
        if (a->table[slot].gram == gram)
          same++;
      if (same <= MAX_OCCURRENCES)
        a->table[slot] = (Entry) { gram, i + 1 };
    }
}

/* How often @gram occurs in @a, counting no further than MAX_OCCURRENCES + 1. */
static guint
article_count (const Article *a,
               guint32        gram)
{
  guint n = 0;

  for (guint32 slot = gram & a->mask; a->table[slot].position != 0; slot = (slot + 1) & a->mask)
    if (a->table[slot].gram == gram)
      n++;
  return n;
}

/* engine: one pair */

typedef struct
{
  int   diagonal;
  guint chain;   /* + 1; 0 when the slot is free */
} Slot;

#define N_SLOTS 4096

/* Seeds of the grams [@from, @to) of article a, in order, joined into chains along their
 * diagonals. */
static gboolean
find_chains (const Article *a,
             const Article *b,
             guint          from,
             guint          to,
             GArray        *chains,
             GCancellable  *cancellable)
{
  g_autofree Slot *slots = g_new0 (Slot, N_SLOTS);
  guint k = a->seed_words;

  for (guint i = from; i < to; i++)
    {
      guint32 gram = a->grams[i];
      guint found[MAX_OCCURRENCES + 1];
      guint n_b = 0;

      if ((i & (CANCEL_CHECK - 1)) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      if (i + PREFETCH < to)
        prefetch (&b->table[a->grams[i + PREFETCH] & b->mask]);

      for (guint32 e = gram & b->mask; b->table[e].position != 0 && n_b <= MAX_OCCURRENCES;
           e = (e + 1) & b->mask)
        if (b->table[e].gram == gram)
          found[n_b++] = b->table[e].position - 1;
      if (n_b == 0 || n_b > MAX_OCCURRENCES || article_count (a, gram) > MAX_OCCURRENCES)
        continue;

      for (guint t = 0; t < n_b; t++)
        {
          guint j = found[t];
          int diagonal = (int) j - (int) i;
          Slot *slot = &slots[((guint32) diagonal * 0x9E3779B1u) >> 20];
          Chain *c;

          c = slot->chain != 0 ? &g_array_index (chains, Chain, slot->chain - 1) : NULL;
          if (c != NULL && slot->diagonal == diagonal && i <= c->a1 + SAME_DIAGONAL_GAP)
            {
              c->covered += i >= c->a1 ? k : i + k - c->a1;
              c->a1 = i + k;
              c->b1 = j + k;
            }
          else
            {
              Chain fresh = { i, i + k, j, j + k, k };

              g_array_append_val (chains, fresh);
              slot->diagonal = diagonal;
              slot->chain = chains->len;
            }
        }
    }

  return TRUE;
}

typedef struct
{
  const Article *a, *b;
  guint          from, to;
  GArray        *chains;
  GCancellable  *cancellable;
  gboolean       ok;
} ChainJob;

static gpointer
chain_thread (gpointer data)
{
  ChainJob *job = data;

  job->ok = find_chains (job->a, job->b, job->from, job->to, job->chains, job->cancellable);
  return NULL;
}

/* All the chains of a pair, in order along a. On large articles, the second half of a is
 * scanned in a second thread: a chain cut in two where the halves meet is joined again by
 * merge_chains(), as it joins any two chains one after the other on a diagonal. */
static gboolean
find_all_chains (const Article *a,
                 const Article *b,
                 GArray        *chains,
                 GCancellable  *cancellable)
{
  ChainJob second = { a, b, a->n_grams / 2, a->n_grams, NULL, cancellable, FALSE };
  GThread *thread;
  gboolean ok;

  if (a->n_grams < LARGE_SCAN)
    return find_chains (a, b, 0, a->n_grams, chains, cancellable);

  second.chains = g_array_new (FALSE, FALSE, sizeof (Chain));
  thread = g_thread_new ("gloss-compare", chain_thread, &second);
  ok = find_chains (a, b, 0, second.from, chains, cancellable);
  g_thread_join (thread);
  g_array_append_vals (chains, second.chains->data, second.chains->len);
  g_array_unref (second.chains);

  return ok && second.ok;
}

/* Joins chains (by start in a) into passages when one goes on where the other stops, give or
 * take a few changed, inserted or dropped words. */
static GArray *
merge_chains (GArray *chains)
{
  GArray *passages = g_array_new (FALSE, FALSE, sizeof (Chain));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < chains->len; i++)
    {
      const Chain *c = &g_array_index (chains, Chain, i);
      int best = -1, best_score = G_MAXINT;
      gboolean absorbed = FALSE;

      for (guint o = 0; o < open->len;)
        {
          guint index = g_array_index (open, guint, o);
          Chain *p = &g_array_index (passages, Chain, index);
          int gap_a = (int) c->a0 - (int) p->a1;
          int gap_b = (int) c->b0 - (int) p->b1;
          int shift = ABS (gap_a - gap_b);

          if (gap_a > MERGE_GAP)
            {
              g_array_remove_index_fast (open, o);
              continue;
            }
          o++;

          if (c->a1 <= p->a1 && c->b0 >= p->b0 && c->b1 <= p->b1)
            {
              absorbed = TRUE;
              break;
            }
          if (c->a1 <= p->a1 || c->b1 <= p->b1 || gap_b > MERGE_GAP ||
              gap_a < -(int) (p->a1 - p->a0) || gap_b < -(int) (p->b1 - p->b0) ||
              shift > MERGE_SHIFT)
            continue;
          if (MAX (gap_a, gap_b) + shift < best_score)
            {
              best_score = MAX (gap_a, gap_b) + shift;
              best = index;
            }
        }

      if (absorbed)
        continue;

      if (best >= 0)
        {
          Chain *p = &g_array_index (passages, Chain, best);
          guint overlap = c->a0 < p->a1 ? p->a1 - c->a0 : 0;

          p->covered += c->covered > overlap ? c->covered - overlap : 0;
          p->a1 = c->a1;
          p->b1 = c->b1;
        }
      else
        {
          guint index = passages->len;

          g_array_append_val (passages, *c);
          g_array_append_val (open, index);
        }
    }

  return passages;
}

static inline gboolean
same_word (const Article *a,
           guint          i,
           const Article *b,
           guint          j)
{
  return a->words[i].hash == b->words[j].hash;
}

/* Grows a passage over equal words, and over one changed, added or dropped word when the
 * two words beyond it are equal again. */
static void
extend (const Article *a,
        const Article *b,
        Chain         *c)
{
  static const guint skips[][2] = { { 1, 1 }, { 1, 0 }, { 0, 1 } };

  for (;;)
    {
      gboolean skipped = FALSE;

      if (c->a0 > 0 && c->b0 > 0 && same_word (a, c->a0 - 1, b, c->b0 - 1))
        {
          c->a0--, c->b0--, c->covered++;
          continue;
        }
      for (guint s = 0; s < G_N_ELEMENTS (skips) && !skipped; s++)
        {
          guint i = c->a0 - skips[s][0], j = c->b0 - skips[s][1];

          if (c->a0 >= skips[s][0] + 2 && c->b0 >= skips[s][1] + 2 &&
              same_word (a, i - 1, b, j - 1) && same_word (a, i - 2, b, j - 2))
            {
              c->a0 = i, c->b0 = j;
              skipped = TRUE;
            }
        }
      if (!skipped)
        break;
    }

  for (;;)
    {
      gboolean skipped = FALSE;

      if (c->a1 < a->n_words && c->b1 < b->n_words && same_word (a, c->a1, b, c->b1))
        {
          c->a1++, c->b1++, c->covered++;
          continue;
        }
      for (guint s = 0; s < G_N_ELEMENTS (skips) && !skipped; s++)
        {
          guint i = c->a1 + skips[s][0], j = c->b1 + skips[s][1];

          if (i + 2 <= a->n_words && j + 2 <= b->n_words &&
              same_word (a, i, b, j) && same_word (a, i + 1, b, j + 1))
            {
              c->a1 = i, c->b1 = j;
              skipped = TRUE;
            }
        }
      if (!skipped)
        break;
    }
}

static int
compare_chains_by_a (gconstpointer pa,
                     gconstpointer pb)
{
  const Chain *a = pa, *b = pb;

  if (a->a0 != b->a0)
    return a->a0 < b->a0 ? -1 : 1;
  return a->b0 < b->b0 ? -1 : a->b0 > b->b0;
}

static double
passage_similarity (const Article *a,
                    const Article *b,
                    const Chain   *c)
{
  guint na = c->a1 - c->a0, nb = c->b1 - c->b0;
  g_autoptr(GArray) ops = NULL;

  if (na + nb > EXACT_DIFF_WORDS)
    return MIN (1.0, 2.0 * c->covered / (na + nb));

  ops = gloss_word_diff_words (a->words + c->a0, na, b->words + c->b0, nb);
  return 2.0 * gloss_word_diff_count_equal (ops) / (na + nb);
}

/* The passages articles @x and @y share, appended to @out. */
static gboolean
compare_pair (const Article *articles,
              guint          x,
              guint          y,
              guint          min_words,
              GArray        *out,
              GCancellable  *cancellable)
{
  const Article *a = &articles[x], *b = &articles[y];
  g_autoptr(GArray) chains = g_array_new (FALSE, FALSE, sizeof (Chain));
  g_autoptr(GArray) passages = NULL;
  Chain *last = NULL;

  if (!find_all_chains (a, b, chains, cancellable))
    return FALSE;

  passages = merge_chains (chains);
  for (guint i = 0; i < passages->len; i++)
    extend (a, b, &g_array_index (passages, Chain, i));

  /* Extended passages may now overlap: one passage each. */
  g_array_sort (passages, compare_chains_by_a);
  for (guint i = 0; i < passages->len; i++)
    {
      Chain *c = &g_array_index (passages, Chain, i);

      if (last != NULL && c->a0 < last->a1 && c->b0 < last->b1 && c->b1 > last->b0)
        {
          last->covered += c->covered;
          last->a1 = MAX (last->a1, c->a1);
          last->b0 = MIN (last->b0, c->b0);
          last->b1 = MAX (last->b1, c->b1);
          c->a1 = c->a0;   /* dropped below */
          continue;
        }
      last = c;
    }

  for (guint i = 0; i < passages->len; i++)
    {
      const Chain *c = &g_array_index (passages, Chain, i);
      PairPassage pp = { x, y, *c, 0.0 };

      if (MIN (c->a1 - c->a0, c->b1 - c->b0) < min_words)
        continue;
      pp.similarity = passage_similarity (a, b, c);
      if (pp.similarity >= MIN_SIMILARITY)
        g_array_append_val (out, pp);
    }

  return TRUE;
}

/* engine: grouping */

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static int
compare_word_spans (gconstpointer pa,
                    gconstpointer pb)
{
  const WordSpan *a = pa, *b = pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

static int
compare_group_spans (gconstpointer pa,
                     gconstpointer pb)
{
  const GroupSpan *a = pa, *b = pb;

  if (a->article != b->article)
    return a->article < b->article ? -1 : 1;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

/* Joins the pair passages that cover mostly the same words of one article. */
static void
union_overlapping (const PairPassage *pairs,
                   guint              n_pairs,
                   guint              article,
                   guint             *parent)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (WordSpan));
  WordSpan current = { 0, 0, 0 };

  for (guint i = 0; i < n_pairs; i++)
    {
      const PairPassage *pp = &pairs[i];
      WordSpan s = { 0, 0, i };

      if (pp->x == article)
        s.start = pp->c.a0, s.end = pp->c.a1;
      else if (pp->y == article)
        s.start = pp->c.b0, s.end = pp->c.b1;
      else
        continue;
      g_array_append_val (spans, s);
    }
  g_array_sort (spans, compare_word_spans);

  for (guint i = 0; i < spans->len; i++)
    {
      const WordSpan *s = &g_array_index (spans, WordSpan, i);
      guint overlap = MIN (s->end, current.end) > s->start ? MIN (s->end, current.end) - s->start
                                                           : 0;
      guint shorter = MIN (s->end - s->start, current.end - current.start);

      if (i > 0 && 2 * overlap >= shorter && overlap > 0)
        parent[find_root (parent, s->id)] = find_root (parent, current.id);
      if (i == 0 || s->end > current.end)
        current = *s;
    }
}

/* How many words of @spans (sorted by start) there are, counting overlaps once. */
static guint
union_length (const WordSpan *spans,
              guint           n)
{
  guint total = 0, end = 0;

  for (guint i = 0; i < n; i++)
    {
      guint start = MAX (spans[i].start, end);

      if (spans[i].end > start)
        total += spans[i].end - start;
      end = MAX (end, spans[i].end);
    }
  return total;
}

static GlossSharedPassage *
make_passage (const Article     *articles,
              GArray            *spans,
              double             similarity,
              GlossCompareTexts *texts)
{
  GlossSharedPassage *passage = g_object_new (GLOSS_TYPE_SHARED_PASSAGE, NULL);
  g_autofree GroupSpan *merged = g_new (GroupSpan, spans->len);
  guint n = 0;

  /* Spans of one article that overlap are one span: the same text matched twice. */
  g_array_sort (spans, compare_group_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      const GroupSpan *s = &g_array_index (spans, GroupSpan, i);

      if (n > 0 && merged[n - 1].article == s->article && s->start < merged[n - 1].end)
        merged[n - 1].end = MAX (merged[n - 1].end, s->end);
      else
        merged[n++] = *s;
    }

  passage->spans = g_new (GlossPassageSpan, n);
  passage->n_spans = n;
  for (guint i = 0; i < n; i++)
    {
      const GlossWord *words = articles[merged[i].article].words;

      passage->spans[i] = (GlossPassageSpan) {
        merged[i].article,
        words[merged[i].start].start,
        words[merged[i].end - 1].end,
        merged[i].end - merged[i].start,
      };
      passage->n_words = MAX (passage->n_words, merged[i].end - merged[i].start);
    }
  passage->similarity = similarity;
  passage->texts = gloss_compare_texts_ref (texts);

  return passage;
}

static int
compare_passages (gconstpointer pa,
                  gconstpointer pb)
{
  const GlossSharedPassage *a = *(GlossSharedPassage * const *) pa;
  const GlossSharedPassage *b = *(GlossSharedPassage * const *) pb;

  if (a->spans[0].article != b->spans[0].article)
    return a->spans[0].article < b->spans[0].article ? -1 : 1;
  if (a->spans[0].start != b->spans[0].start)
    return a->spans[0].start < b->spans[0].start ? -1 : 1;
  return 0;
}

/* Turns the passages of every pair into groups, one shared passage per group. */
static GPtrArray *
group_passages (const Article     *articles,
                guint              n_articles,
                GArray            *pairs,
                GlossCompareTexts *texts)
{
  g_autofree guint *parent = g_new (guint, MAX (pairs->len, 1));
  g_autofree guint *group_of = g_new (guint, MAX (pairs->len, 1));  /* of roots */
  g_autoptr(GPtrArray) group_spans = NULL;
  g_autoptr(GArray) weights = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (double));
  GPtrArray *passages = g_ptr_array_new_with_free_func (g_object_unref);
  const PairPassage *pp = (const PairPassage *) pairs->data;

  group_spans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < pairs->len; i++)
    {
      parent[i] = i;
      group_of[i] = G_MAXUINT;
    }
  for (guint article = 0; article < n_articles; article++)
    union_overlapping (pp, pairs->len, article, parent);

  for (guint i = 0; i < pairs->len; i++)
    {
      guint root = find_root (parent, i);
      GArray *spans;
      GroupSpan sa = { pp[i].x, pp[i].c.a0, pp[i].c.a1 };
      GroupSpan sb = { pp[i].y, pp[i].c.b0, pp[i].c.b1 };
      double weight = (pp[i].c.a1 - pp[i].c.a0) + (pp[i].c.b1 - pp[i].c.b0);

      guint g;

      if (group_of[root] == G_MAXUINT)
        {
          group_of[root] = group_spans->len;
          g_ptr_array_add (group_spans, g_array_new (FALSE, FALSE, sizeof (GroupSpan)));
          g_array_set_size (weights, group_spans->len);
          g_array_set_size (sums, group_spans->len);
        }
      g = group_of[root];

      spans = g_ptr_array_index (group_spans, g);
      g_array_append_val (spans, sa);
      g_array_append_val (spans, sb);
      g_array_index (weights, double, g) += weight;
      g_array_index (sums, double, g) += weight * pp[i].similarity;
    }

  for (guint g = 0; g < group_spans->len; g++)
    {
      double similarity = g_array_index (sums, double, g) / g_array_index (weights, double, g);

      g_ptr_array_add (passages, make_passage (articles, g_ptr_array_index (group_spans, g),
                                               CLAMP (similarity, 0.0, 1.0), texts));
    }

  g_ptr_array_sort (passages, compare_passages);
  for (guint i = 0; i < passages->len; i++)
    ((GlossSharedPassage *) g_ptr_array_index (passages, i))->index = i;

  return passages;
}

/* engine: the whole run */

typedef struct
{
  Article           *articles;
  GlossCompareTexts *texts;
  guint              first;
} PrepareJob;

static gpointer
prepare_thread (gpointer data)
{
  PrepareJob *job = data;

  for (guint i = job->first; i < job->texts->n; i += 2)
    {
      gloss_compare_texts_own (job->texts, i);
      article_prepare (&job->articles[i], job->texts->texts[i], job->texts->lens[i]);
    }
  return NULL;
}

/* Splits and indexes the articles, half of them in a second thread when they are large:
 * that is most of the time of a comparison, and these machines have two cores. */
static void
prepare_articles (Article           *articles,
                  GlossCompareTexts *texts)
{
  PrepareJob odd = { articles, texts, 1 }, even = { articles, texts, 0 };
  gsize total = 0;

  for (guint i = 0; i < texts->n; i++)
    total += strnlen (texts->texts[i] != NULL ? texts->texts[i] : texts->borrowed[i],
                      LARGE_TEXTS);

  if (texts->n > 1 && total >= LARGE_TEXTS)
    {
      GThread *thread = g_thread_new ("gloss-compare", prepare_thread, &odd);

      prepare_thread (&even);
      g_thread_join (thread);
    }
  else
    {
      prepare_thread (&even);
      prepare_thread (&odd);
    }
}

/* The first word at or after code point @offset. */
static guint
word_at (const Article *a,
         guint          offset)
{
  guint lo = 0, hi = a->n_words;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (a->words[mid].start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static int
compare_shared_spans (gconstpointer pa,
                      gconstpointer pb)
{
  const GlossSharedSpan *a = pa, *b = pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->passage < b->passage ? -1 : a->passage > b->passage;
}

/* Per article: its shared spans in order, and how much of it is shared with each other. */
static void
summarize (GlossComparison *self,
           const Article   *articles)
{
  guint n = self->n_articles;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (WordSpan));

  self->n_words = g_new0 (guint, n);
  self->fractions = g_new0 (double, n * n);
  self->shared_spans = g_new0 (GArray *, n);

  for (guint x = 0; x < n; x++)
    {
      self->n_words[x] = articles[x].n_words;
      self->shared_spans[x] = g_array_new (FALSE, FALSE, sizeof (GlossSharedSpan));
    }

  for (guint p = 0; p < self->passages->len; p++)
    {
      GlossSharedPassage *passage = g_ptr_array_index (self->passages, p);

      for (guint s = 0; s < passage->n_spans; s++)
        {
          const GlossPassageSpan *span = &passage->spans[s];
          GlossSharedSpan shared = { span->start, span->end, p };

          g_array_append_val (self->shared_spans[span->article], shared);
        }
    }

  for (guint x = 0; x < n; x++)
    {
      g_array_sort (self->shared_spans[x], compare_shared_spans);
      if (articles[x].n_words == 0)
        continue;

      for (guint y = 0; y < n; y++)
        {
          g_array_set_size (spans, 0);
          for (guint p = 0; p < self->passages->len; p++)
            {
              GlossSharedPassage *passage = g_ptr_array_index (self->passages, p);

              if (y != x && !gloss_shared_passage_has_article (passage, y))
                continue;
              for (guint s = 0; s < passage->n_spans; s++)
                if (passage->spans[s].article == x)
                  {
                    guint start = word_at (&articles[x], passage->spans[s].start);
                    WordSpan w = { start, start + passage->spans[s].n_words, p };

                    g_array_append_val (spans, w);
                  }
            }
          g_array_sort (spans, compare_word_spans);
          self->fractions[x * n + y] = (double) union_length ((WordSpan *) spans->data, spans->len)
                                       / articles[x].n_words;
        }
    }
}

static GlossComparison *
compare_texts (GlossCompareTexts  *texts,
               guint               min_words,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(GlossComparison) self = NULL;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (PairPassage));
  Article *articles = g_new0 (Article, texts->n);
  gboolean ok = !g_cancellable_is_cancelled (cancellable);

  /* A passage of one word is just a common word. */
  min_words = MAX (min_words, 2);
  for (guint i = 0; i < texts->n; i++)
    articles[i].seed_words = MIN (min_words, SEED_WORDS);

  if (ok)
    {
      prepare_articles (articles, texts);
      ok = !g_cancellable_is_cancelled (cancellable);
    }

  for (guint x = 0; ok && x < texts->n; x++)
    for (guint y = x + 1; ok && y < texts->n; y++)
      ok = compare_pair (articles, x, y, min_words, pairs, cancellable) &&
           !g_cancellable_is_cancelled (cancellable);

  if (!ok)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      for (guint i = 0; i < texts->n; i++)
        article_clear (&articles[i]);
      g_free (articles);
      return NULL;
    }

  self = g_object_new (GLOSS_TYPE_COMPARISON, NULL);
  self->n_articles = texts->n;
  self->min_words = min_words;
  self->texts = gloss_compare_texts_ref (texts);
  g_clear_pointer (&self->passages, g_ptr_array_unref);
  self->passages = group_passages (articles, texts->n, pairs, texts);
  summarize (self, articles);

  for (guint i = 0; i < texts->n; i++)
    article_clear (&articles[i]);
  g_free (articles);

  return g_steal_pointer (&self);
}

/* GlossComparison */

static GType
gloss_comparison_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_SHARED_PASSAGE;
}

static guint
gloss_comparison_get_n_items (GListModel *model)
{
  return GLOSS_COMPARISON (model)->passages->len;
}

static gpointer
gloss_comparison_get_item (GListModel *model,
                           guint       position)
{
  GlossComparison *self = GLOSS_COMPARISON (model);

  if (position >= self->passages->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->passages, position));
}

static void
gloss_comparison_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_comparison_get_item_type;
  iface->get_n_items = gloss_comparison_get_n_items;
  iface->get_item = gloss_comparison_get_item;
}

static void
gloss_comparison_dispose (GObject *object)
{
  GlossComparison *self = GLOSS_COMPARISON (object);

  g_clear_pointer (&self->passages, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_comparison_parent_class)->dispose (object);
}

static void
gloss_comparison_finalize (GObject *object)
{
  GlossComparison *self = GLOSS_COMPARISON (object);

  for (guint i = 0; self->shared_spans != NULL && i < self->n_articles; i++)
    g_array_unref (self->shared_spans[i]);
  g_free (self->shared_spans);
  g_free (self->n_words);
  g_free (self->fractions);
  g_clear_pointer (&self->texts, gloss_compare_texts_unref);

  G_OBJECT_CLASS (gloss_comparison_parent_class)->finalize (object);
}

static void
gloss_comparison_class_init (GlossComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_comparison_dispose;
  object_class->finalize = gloss_comparison_finalize;
}

static void
gloss_comparison_init (GlossComparison *self)
{
  self->passages = g_ptr_array_new_with_free_func (g_object_unref);
  self->min_words = GLOSS_COMPARE_DEFAULT_MIN_WORDS;
}

/* public */

/**
 * gloss_compare_run:
 * @texts: (array length=n_texts): the article texts, UTF-8 (as gloss_article_get_text())
 * @n_texts: how many
 * @min_words: the fewest words a passage must have (at least 2), 0 for
 *   %GLOSS_COMPARE_DEFAULT_MIN_WORDS
 * @cancellable: (nullable): a #GCancellable
 * @error: set to %G_IO_ERROR_CANCELLED when cancelled
 *
 * Finds the passages that two or more of the texts share, verbatim or lightly edited, in any
 * order. The texts are copied: the result can compute word-level diffs later.
 *
 * Returns: (transfer full): the comparison, or %NULL when cancelled
 */
GlossComparison *
gloss_compare_run (const char * const  *texts,
                   guint                n_texts,
                   guint                min_words,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(GlossCompareTexts) copy = NULL;

  g_return_val_if_fail (texts != NULL || n_texts == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Borrowed: the worker threads copy them while they split them. */
  copy = gloss_compare_texts_new (texts, n_texts, FALSE);
  return compare_texts (copy, min_words > 0 ? min_words : GLOSS_COMPARE_DEFAULT_MIN_WORDS,
                        cancellable, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GlossCompareTexts *texts = task_data;
  guint min_words = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "min-words"));
  GError *error = NULL;
  GlossComparison *result = compare_texts (texts, min_words, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

/**
 * gloss_compare_run_async:
 * @texts: (array length=n_texts): the article texts, copied before this returns
 * @n_texts: how many
 * @min_words: the fewest words a passage must have, 0 for the default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Runs gloss_compare_run() in a worker thread.
 */
void
gloss_compare_run_async (const char * const  *texts,
                         guint                n_texts,
                         guint                min_words,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (texts != NULL || n_texts == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_compare_run_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, gloss_compare_texts_new (texts, n_texts, TRUE),
                        (GDestroyNotify) gloss_compare_texts_unref);
  g_object_set_data (G_OBJECT (task), "min-words",
                     GUINT_TO_POINTER (min_words > 0 ? min_words
                                                     : GLOSS_COMPARE_DEFAULT_MIN_WORDS));
  g_task_run_in_thread (task, run_thread);
}

/**
 * gloss_compare_run_finish:
 *
 * Returns: (transfer full): the comparison, or %NULL with @error set (cancelled)
 */
GlossComparison *
gloss_compare_run_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_compare_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
gloss_comparison_get_n_articles (GlossComparison *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARISON (self), 0);

  return self->n_articles;
}

guint
gloss_comparison_get_min_words (GlossComparison *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARISON (self), 0);

  return self->min_words;
}

guint
gloss_comparison_get_n_passages (GlossComparison *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARISON (self), 0);

  return self->passages->len;
}

/**
 * gloss_comparison_get_passage:
 * @index: from 0 to gloss_comparison_get_n_passages() - 1; passages are in the order of
 *   their span in the first article they occur in
 *
 * Returns: (transfer none): the passage
 */
GlossSharedPassage *
gloss_comparison_get_passage (GlossComparison *self,
                              guint            index)
{
  g_return_val_if_fail (GLOSS_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (index < self->passages->len, NULL);

  return g_ptr_array_index (self->passages, index);
}

/**
 * gloss_comparison_get_n_words:
 *
 * Returns: how many words @article has (the denominator of the shared fractions)
 */
guint
gloss_comparison_get_n_words (GlossComparison *self,
                              guint            article)
{
  g_return_val_if_fail (GLOSS_IS_COMPARISON (self), 0);
  g_return_val_if_fail (article < self->n_articles, 0);

  return self->n_words[article];
}

/**
 * gloss_comparison_get_shared_fraction:
 *
 * Returns: the fraction of the words of @article, from 0 to 1, that are in a passage it
 *   shares with any other article
 */
double
gloss_comparison_get_shared_fraction (GlossComparison *self,
                                      guint            article)
{
  g_return_val_if_fail (GLOSS_IS_COMPARISON (self), 0.0);
  g_return_val_if_fail (article < self->n_articles, 0.0);

  return self->fractions[article * self->n_articles + article];
}

/**
 * gloss_comparison_get_shared_fraction_with:
 *
 * Returns: the fraction of the words of @article, from 0 to 1, that are in a passage it
 *   shares with @other (for a column header: "shares 12% with Valley Tribune")
 */
double
gloss_comparison_get_shared_fraction_with (GlossComparison *self,
                                           guint            article,
                                           guint            other)
{
  g_return_val_if_fail (GLOSS_IS_COMPARISON (self), 0.0);
  g_return_val_if_fail (article < self->n_articles && other < self->n_articles, 0.0);

  if (article == other)
    return 0.0;
  return self->fractions[article * self->n_articles + other];
}

/**
 * gloss_comparison_get_shared_spans:
 * @n_spans: (out): how many
 *
 * The shared spans of one article, by start: what to mark, and where "next shared
 * passage" goes.
 *
 * Returns: (transfer none) (array length=n_spans): the spans
 */
const GlossSharedSpan *
gloss_comparison_get_shared_spans (GlossComparison *self,
                                   guint            article,
                                   guint           *n_spans)
{
  g_return_val_if_fail (GLOSS_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (article < self->n_articles, NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);

  *n_spans = self->shared_spans[article]->len;
  return (const GlossSharedSpan *) self->shared_spans[article]->data;
}

/**
 * gloss_comparison_find_passage_at:
 * @offset: a code point of @article's text
 *
 * Returns: (transfer none) (nullable): the passage shared at @offset, for hovering
 */
GlossSharedPassage *
gloss_comparison_find_passage_at (GlossComparison *self,
                                  guint            article,
                                  guint            offset)
{
  const GlossSharedSpan *spans;
  guint n, lo = 0, hi;

  g_return_val_if_fail (GLOSS_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (article < self->n_articles, NULL);

  spans = gloss_comparison_get_shared_spans (self, article, &n);
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[mid].start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* Spans of different passages rarely overlap; the latest starting one wins. */
  for (guint i = lo; i-- > 0;)
    if (offset < spans[i].end)
      return g_ptr_array_index (self->passages, spans[i].passage);
    else if (i + 8 < lo)
      break;

  return NULL;
}

