/* gloss-anchor.c: re-attaching annotations to a changed article text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An annotation stores where it was (code point offsets) and what it covered (the quote,
 * with some text before and after it). When the article changes, this finds the passage
 * again, in tiers from cheap to costly:
 *
 * 1. exact: the quote is still at its offsets, with the same text around it;
 * 2. moved: the quote occurs elsewhere, compared through typographic folding (case,
 *    quote marks, dashes, spaces, ligatures, ellipsis); its context decides between
 *    occurrences, and the one nearest the old place wins a tie;
 * 3. approximate: candidates seeded by rare 5-grams of the quote are aligned with an edit
 *    distance, then weighed with the context.
 *
 * The rule above all is never to attach silently to the wrong passage, so every tier asks
 * for context evidence that rules out look-alikes, and otherwise only *suggests*:
 * - a quote must start and end on word boundaries where it did ("bridge" never matches
 *   inside "Turnbridge");
 * - a quote that occurs more than once needs its context to agree closely on both sides;
 *   between equal candidates, only one clearly nearer the old place wins;
 * - if the old place still stands (the stored prefix, then the stored suffix, near where
 *   the quote was) with the quote deleted, edited or rewritten there, a candidate elsewhere
 *   is a look-alike: suggested, never attached;
 * - a changed number attaches only flagged (fuzzy), and only with its context agreeing;
 * - a short quote far from its old place, or a quote whose context changed on both sides
 *   (a moved paragraph, or a surviving copy of deleted boilerplate: they look the same),
 *   is only suggested. gloss_anchorer_resolve_all() learns from the long quotes how far
 *   the text moved, so short quotes after a large insertion still attach.
 *
 * An anchorer is not thread-safe: the folded text and the index are built on first need.
 */

#define G_LOG_DOMAIN "gloss-anchor"

#include "config.h"

#include "gloss-anchor.h"
#include "gloss-text-folding.h"

#include <string.h>

#define GRAM            5      /* length of the indexed n-grams, in folded code points */
#define CONTEXT_MAX     32     /* how much of the stored prefix and suffix is compared */
#define RAW_CONTEXT     64     /* how much of it must be unchanged for an exact match */
#define MIN_EVIDENCE    16     /* code points of context that can fully agree */
#define SHORT_QUOTE     16     /* quotes shorter than this need stronger context */
#define QUICK_CONTEXT   6      /* neighbours compared to sort out occurrences worth weighing */
#define MAX_WEIGHED     64     /* occurrences of one quote whose context is weighed */
#define NEAREST_WEIGHED 8      /* ... always including the nearest ones */
#define MAX_BUCKET      1024   /* n-grams more common than this are useless as seeds */
#define MAX_SEEDS       32     /* n-grams of a quote looked up for approximate search */
#define MAX_CLUSTERS    4      /* places where they cluster, aligned */
#define MAX_FUZZY_QUOTE 2000   /* approximate search costs quote length squared */
#define UNMOVED         32     /* a quote this near its old place has barely moved */
#define NEAR_TIE        512    /* a tie between equal copies goes to one this near */
#define FAR_SHORT       1024   /* a short quote this far from its old place only suggests */
#define SITE_KEY        16     /* how much of the context finds the old place */

/* Thresholds, measured on the corpus in tests/test-anchor.c. Context similarity is an
 * edit-distance similarity over CONTEXT_MAX code points, where unrelated English scores
 * about 0.4 to 0.7; the right place after light edits scores 1 on at least one side. */
#define SIDE_AGREES       0.8   /* both sides agree: attach a quote found once */
#define SIDE_REPEATED     0.9   /* both sides, when the quote occurs more than once */
#define SIDE_STRONG       0.9   /* one side agrees well enough to stand alone */
#define SIDE_STRONG_SHORT 0.95  /* ... for a short or repeated quote */
#define SIDE_PERFECT      0.97  /* no need to look for a better place */
#define FUZZY_MIN_QUOTE   0.8   /* attach a changed quote whose context agrees on both sides */
#define FUZZY_ONE_SIDE    0.9   /* ... or on one side when the quote barely changed */
#define SUGGEST_QUOTE     0.6   /* offer a candidate */

struct _GlossAnchorer
{
  gunichar        *text;
  guint            len;

  GlossFoldedText *folded;
  guint           *bucket_start;
  guint           *positions;
  guint            mask;
};

typedef struct
{
  const gunichar *raw; /* the quote as stored */
  guint     raw_len;
  gunichar *q;
  guint     m;
  gunichar *p;        /* the last CONTEXT_MAX code points of the folded prefix */
  guint     lp;
  gunichar *s;        /* the first CONTEXT_MAX of the folded suffix */
  guint     ls;
  gboolean  bound_start;
  gboolean  bound_end;
  guint     expect;   /* where the quote was, in folded offsets of the new text */
} Query;

typedef struct
{
  guint  start;       /* folded */
  guint  end;
  double qsim;
  double ps;
  double ss;
  guint  distance;
} Candidate;

const char *
gloss_anchor_match_to_string (GlossAnchorMatch match)
{
  switch (match)
    {
    case GLOSS_ANCHOR_MATCH_EXACT:
      return "exact";
    case GLOSS_ANCHOR_MATCH_MOVED:
      return "moved";
    case GLOSS_ANCHOR_MATCH_FUZZY:
      return "fuzzy";
    case GLOSS_ANCHOR_MATCH_SUGGESTED:
      return "suggested";
    case GLOSS_ANCHOR_MATCH_ORPHANED:
      return "orphaned";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Whether the result points at a passage the annotation is now attached to. */
gboolean
gloss_anchor_match_is_attached (GlossAnchorMatch match)
{
  return match == GLOSS_ANCHOR_MATCH_EXACT || match == GLOSS_ANCHOR_MATCH_MOVED ||
         match == GLOSS_ANCHOR_MATCH_FUZZY;
}

static inline guint
gram_hash (const gunichar *c,
           guint           mask)
{
  guint h = 2166136261u;

  for (guint i = 0; i < GRAM; i++)
    h = (h ^ c[i]) * 16777619u;

  return (h ^ (h >> 15)) & mask;
}

static void
ensure_folded (GlossAnchorer *self)
{
  if (self->folded == NULL)
    self->folded = gloss_folded_text_new (self->text, self->len, TRUE);
}

/* A bucketed index of every 5-gram of the folded text, stored flat (counting sort). */
static void
ensure_index (GlossAnchorer *self)
{
  const gunichar *f;
  guint n, n_buckets = 1024;

  if (self->bucket_start != NULL)
    return;

  ensure_folded (self);
  f = self->folded->chars;
  n = self->folded->len;
  while (n_buckets < n && n_buckets < (1u << 22))
    n_buckets <<= 1;
  self->mask = n_buckets - 1;
  self->bucket_start = g_new0 (guint, n_buckets + 1);
  self->positions = g_new (guint, MAX (n, 1));

  for (guint i = 0; i + GRAM <= n; i++)
    self->bucket_start[gram_hash (f + i, self->mask) + 1]++;
  for (guint b = 0; b < n_buckets; b++)
    self->bucket_start[b + 1] += self->bucket_start[b];
  {
    g_autofree guint *fill = g_memdup2 (self->bucket_start, n_buckets * sizeof (guint));

    for (guint i = 0; i + GRAM <= n; i++)
      self->positions[fill[gram_hash (f + i, self->mask)]++] = i;
  }
}

/* Edit distance between @pat and a prefix of @txt (both read in direction @dir from
 * their first code point), minimised over the length of that prefix. @consumed gets the
 * best length (the shortest of equals). Strings are read at p[i * dir]. Past @cutoff,
 * gives up and returns more than it. */
static guint
anchored_distance (const gunichar *pat,
                   guint           lp,
                   const gunichar *txt,
                   guint           lt,
                   int             dir,
                   guint           cutoff,
                   guint          *consumed)
{
  g_autofree guint *row = g_new (guint, lt + 1);
  guint best, best_j = 0;

  if (consumed != NULL)
    *consumed = 0;
  for (guint j = 0; j <= lt; j++)
    row[j] = j;

  for (guint i = 1; i <= lp; i++)
    {
      gunichar pc = pat[(gssize) (i - 1) * dir];
      guint diag = row[0];
      guint row_min;

      row[0] = row_min = i;
      for (guint j = 1; j <= lt; j++)
        {
          guint up = row[j];
          guint v = diag + (pc != txt[(gssize) (j - 1) * dir]);

          v = MIN (v, up + 1);
          v = MIN (v, row[j - 1] + 1);
          diag = up;
          row[j] = v;
          row_min = MIN (row_min, v);
        }
      /* Rows never get better than their minimum. */
      if (row_min > cutoff)
        return cutoff + 1;
    }

  best = row[0];
  for (guint j = 1; j <= lt; j++)
    if (row[j] < best)
      best = row[j], best_j = j;

  if (consumed != NULL)
    *consumed = best_j;

  return best;
}

/* How well the stored context agrees with the text around folded [a, b): each side in
 * [0, 1]. A side with nothing stored agrees only where the text also ends there; a side
 * shorter than MIN_EVIDENCE (near an end of the old text) counts for less, as "Swing "
 * alone says little. */
static void
context_score (GlossAnchorer *self,
               const Query   *query,
               guint          a,
               guint          b,
               double        *ps,
               double        *ss)
{
  const gunichar *f = self->folded->chars;
  guint flen = self->folded->len;
  guint avail, d;

  /* Only similarities of at least a half matter; unchanged context needs no alignment. */
  if (query->lp == 0)
    *ps = a == 0 ? 1.0 : 0.5;
  else if (a == 0)
    *ps = 0.0;
  else
    {
      avail = MIN (a, query->lp + query->lp / 2 + 4);
      if (a >= query->lp &&
          memcmp (f + a - query->lp, query->p, query->lp * sizeof (gunichar)) == 0)
        d = 0;
      else
        d = anchored_distance (query->p + query->lp - 1, query->lp, f + a - 1, avail, -1,
                               query->lp / 2, NULL);
      d = MIN (d, query->lp);
      *ps = (1.0 - (double) d / query->lp) * MIN (1.0, (double) query->lp / MIN_EVIDENCE);
    }

  if (query->ls == 0)
    *ss = b == flen ? 1.0 : 0.5;
  else if (b == flen)
    *ss = 0.0;
  else
    {
      avail = MIN (flen - b, query->ls + query->ls / 2 + 4);
      if (flen - b >= query->ls && memcmp (f + b, query->s, query->ls * sizeof (gunichar)) == 0)
        d = 0;
      else
        d = anchored_distance (query->s, query->ls, f + b, avail, 1, query->ls / 2, NULL);
      d = MIN (d, query->ls);
      *ss = (1.0 - (double) d / query->ls) * MIN (1.0, (double) query->ls / MIN_EVIDENCE);
    }
}

static gboolean
boundaries_ok (GlossAnchorer *self,
               const Query   *query,
               guint          a,
               guint          b)
{
  const gunichar *f = self->folded->chars;

  if (query->bound_start && a > 0 && gloss_unichar_is_word (f[a - 1]))
    return FALSE;
  if (query->bound_end && b < self->folded->len && gloss_unichar_is_word (f[b]))
    return FALSE;

  return TRUE;
}

static void
add_candidate (GlossAnchorer *self,
               const Query   *query,
               GArray        *out,
               guint          a,
               guint          b,
               double         qsim)
{
  Candidate c = { a, b, qsim, 0, 0, 0 };

  for (guint i = 0; qsim < 1.0 && i < out->len; i++)
    {
      Candidate *o = &g_array_index (out, Candidate, i);

      if (o->start == a && o->end == b)
        return;
    }

  context_score (self, query, a, b, &c.ps, &c.ss);
  c.distance = a > query->expect ? a - query->expect : query->expect - a;
  g_array_append_val (out, c);
}

/* Whether the code points next to folded [a, b) are those of the stored context: a cheap
 * test that sorts out the occurrences of a common quote worth weighing. */
static gboolean
context_touches (GlossAnchorer *self,
                 const Query   *query,
                 guint          a,
                 guint          b)
{
  const gunichar *f = self->folded->chars;
  guint kp = MIN (query->lp, QUICK_CONTEXT), ks = MIN (query->ls, QUICK_CONTEXT);

  if (kp > 0 && a >= kp &&
      memcmp (f + a - kp, query->p + query->lp - kp, kp * sizeof (gunichar)) == 0)
    return TRUE;

  return ks > 0 && b + ks <= self->folded->len &&
         memcmp (f + b, query->s, ks * sizeof (gunichar)) == 0;
}

static int
compare_by_distance (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  guint expect = GPOINTER_TO_UINT (user_data);
  guint x = *(const guint *) a, y = *(const guint *) b;
  guint dx = x > expect ? x - expect : expect - x;
  guint dy = y > expect ? y - expect : expect - y;

  return dx < dy ? -1 : dx > dy;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Appends to @starts (minus @shift) every start of @key (at least GRAM code points) in the
 * folded text, found through the rarest of its 5-grams. */
static void
index_find (GlossAnchorer  *self,
            const gunichar *key,
            guint           k,
            guint           shift,
            GArray         *starts)
{
  const gunichar *f = self->folded->chars;
  guint flen = self->folded->len;
  guint best_o = 0, best_size = G_MAXUINT, h;

  g_assert (k >= GRAM);
  ensure_index (self);
  for (guint o = 0; o + GRAM <= k; o++)
    {
      guint size;

      h = gram_hash (key + o, self->mask);
      size = self->bucket_start[h + 1] - self->bucket_start[h];
      if (size < best_size)
        best_size = size, best_o = o;
    }

  h = gram_hash (key + best_o, self->mask);
  for (guint i = 0; i < best_size; i++)
    {
      guint pos = self->positions[self->bucket_start[h] + i];
      guint a = pos - best_o;

      if (pos >= best_o && a + k <= flen && f[a] == key[0] &&
          memcmp (f + a, key, k * sizeof (gunichar)) == 0)
        {
          a += shift;
          g_array_append_val (starts, a);
        }
    }
}

/* Every occurrence of the folded quote, through the rarest of its 5-grams. A common quote
 * ("the") occurs thousands of times: only the occurrences whose neighbours match the
 * stored context, and the nearest ones, are weighed. */
static void
find_exact (GlossAnchorer *self,
            const Query   *query,
            GArray        *out)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));

  if (query->m >= GRAM)
    index_find (self, query->q, query->m, 0, hits);
  else
    {
      /* Too short to index alone; and only an occurrence with one side of its context
       * unchanged could be accepted. So look for the quote with the start of its suffix,
       * and with the end of its prefix. */
      g_autofree gunichar *key = g_new (gunichar, query->m + 2 * GRAM);
      guint ks = MIN (query->ls, GRAM), kp = MIN (query->lp, GRAM);

      if (query->m + ks >= GRAM)
        {
          memcpy (key, query->q, query->m * sizeof (gunichar));
          memcpy (key + query->m, query->s, ks * sizeof (gunichar));
          index_find (self, key, query->m + ks, 0, hits);
        }
      if (query->m + kp >= GRAM)
        {
          memcpy (key, query->p + query->lp - kp, kp * sizeof (gunichar));
          memcpy (key + kp, query->q, query->m * sizeof (gunichar));
          index_find (self, key, query->m + kp, kp, hits);
        }
      g_array_sort (hits, compare_guint);
      for (guint i = 1; i < hits->len;)
        if (g_array_index (hits, guint, i) == g_array_index (hits, guint, i - 1))
          g_array_remove_index (hits, i);
        else
          i++;
      /* A quote this short is taken to occur more than once. */
      g_array_append_val (out, ((Candidate) { 0, 0, 1.0, 0, 0, G_MAXUINT }));
    }

  for (guint i = 0; i < hits->len;)
    if (!boundaries_ok (self, query, g_array_index (hits, guint, i),
                        g_array_index (hits, guint, i) + query->m))
      g_array_remove_index_fast (hits, i);
    else
      i++;

  if (hits->len > MAX_WEIGHED)
    g_array_sort_with_data (hits, compare_by_distance, GUINT_TO_POINTER (query->expect));

  for (guint i = 0; i < hits->len; i++)
    {
      guint a = g_array_index (hits, guint, i);

      if (hits->len <= MAX_WEIGHED || i < NEAREST_WEIGHED ||
          context_touches (self, query, a, a + query->m))
        add_candidate (self, query, out, a, a + query->m, 1.0);
      if (out->len >= MAX_WEIGHED)
        break;
    }

  /* How many there are matters (repeated quotes need more evidence), not only those
   * weighed: count the rest as weightless candidates. */
  for (guint i = out->len; i < MIN (hits->len, 2u) && i < 2; i++)
    {
      Candidate c = { 0, 0, 1.0, 0, 0, G_MAXUINT };

      g_array_append_val (out, c);
    }
}

/* Semi-global alignment: the end in @w (exclusive) where @q matches with fewest edits,
 * the nearest to @target among equals. */
static guint
best_end (const gunichar *q,
          guint           m,
          const gunichar *w,
          guint           wl,
          guint           target,
          guint          *end)
{
  g_autofree guint *col = g_new (guint, m + 1);
  guint best = G_MAXUINT;

  *end = 0;
  for (guint i = 0; i <= m; i++)
    col[i] = i;

  for (guint j = 1; j <= wl; j++)
    {
      gunichar t = w[j - 1];
      guint diag = col[0];

      col[0] = 0;
      for (guint i = 1; i <= m; i++)
        {
          guint left = col[i];
          guint v = diag + (q[i - 1] != t);

          v = MIN (v, left + 1);
          v = MIN (v, col[i - 1] + 1);
          diag = left;
          col[i] = v;
        }

      if (col[m] < best ||
          (col[m] == best && (j > target ? j - target : target - j) <
                             (*end > target ? *end - target : target - *end)))
        best = col[m], *end = j;
    }

  return best;
}

static gboolean
digits_equal (const gunichar *a,
              guint           la,
              const gunichar *b,
              guint           lb)
{
  guint i = 0, j = 0;

  for (;;)
    {
      while (i < la && !g_unichar_isdigit (a[i]))
        i++;
      while (j < lb && !g_unichar_isdigit (b[j]))
        j++;
      if (i == la || j == lb)
        return i == la && j == lb;
      if (a[i++] != b[j++])
        return FALSE;
    }
}

/* Aligns the quote around @centre (a folded start) and adds the best passage there. */
static void
align_at (GlossAnchorer *self,
          const Query   *query,
          gint64         centre,
          GArray        *out)
{
  const gunichar *f = self->folded->chars;
  guint flen = self->folded->len;
  guint slack = MIN (query->m / 4 + 8, 256);
  gint64 ws = MAX (0, centre - (gint64) slack);
  gint64 we = MIN ((gint64) flen, centre + (gint64) query->m + slack);
  guint end, start, consumed, dist;

  if (we <= ws)
    return;

  dist = best_end (query->q, query->m, f + ws, we - ws, centre + query->m - ws, &end);
  if (dist * 2 > query->m || end == 0)
    return;
  end += ws;
  anchored_distance (query->q + query->m - 1, query->m, f + end - 1,
                     MIN (end, query->m + 2 * slack), -1, G_MAXUINT, &consumed);
  start = end - consumed;

  /* An approximate match may cut a word; take the whole of it, as the user would have. */
  for (guint k = 0; k < 12 && query->bound_start && start > 0 &&
       gloss_unichar_is_word (f[start - 1]) && gloss_unichar_is_word (f[start]); k++)
    start--;
  for (guint k = 0; k < 12 && query->bound_end && end < flen &&
       gloss_unichar_is_word (f[end]) && end > start && gloss_unichar_is_word (f[end - 1]); k++)
    end++;
  if (end <= start)
    return;

  dist = anchored_distance (query->q, query->m, f + start, end - start, 1, G_MAXUINT, NULL);
  add_candidate (self, query, out, start, end, MAX (0.0, 1.0 - (double) dist / query->m));
}

/* The old place, which light edits barely move. */
static void
find_fuzzy_near (GlossAnchorer *self,
                 const Query   *query,
                 GArray        *out)
{
  if (query->m >= 4 && query->m <= MAX_FUZZY_QUOTE)
    align_at (self, query, query->expect, out);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Candidates for a changed quote: diagonals voted for by its 5-grams, plus the old place. */
static void
find_fuzzy (GlossAnchorer *self,
            const Query   *query,
            GArray        *out)
{
  g_autoptr(GArray) diags = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 centres[MAX_CLUSTERS];
  guint votes[MAX_CLUSTERS] = { 0 };
  guint n_samples, tolerance;

  if (query->m < 4 || query->m > MAX_FUZZY_QUOTE)
    return;

  find_fuzzy_near (self, query, out);
  if (query->m < GRAM + 2)
    return;

  ensure_index (self);
  n_samples = MIN (MAX_SEEDS, query->m - GRAM + 1);
  for (guint k = 0; k < n_samples; k++)
    {
      guint o = n_samples > 1 ? k * (query->m - GRAM) / (n_samples - 1) : 0;
      guint h = gram_hash (query->q + o, self->mask);
      guint first = self->bucket_start[h], size = self->bucket_start[h + 1] - first;

      if (size > MAX_BUCKET)
        continue;
      for (guint i = 0; i < size; i++)
        {
          guint pos = self->positions[first + i];
          gint64 diag = (gint64) pos - o;

          if (memcmp (self->folded->chars + pos, query->q + o, GRAM * sizeof (gunichar)) == 0)
            g_array_append_val (diags, diag);
        }
    }

  g_array_sort (diags, compare_gint64);
  tolerance = query->m / 8 + 8;
  for (guint i = 0; i < diags->len;)
    {
      guint j = i + 1, slot = 0;

      while (j < diags->len && g_array_index (diags, gint64, j) -
             g_array_index (diags, gint64, j - 1) <= tolerance)
        j++;
      for (guint c = 1; c < MAX_CLUSTERS; c++)
        if (votes[c] < votes[slot])
          slot = c;
      if (j - i > votes[slot])
        {
          votes[slot] = j - i;
          centres[slot] = g_array_index (diags, gint64, (i + j) / 2);
        }
      i = j;
    }

  for (guint c = 0; c < MAX_CLUSTERS; c++)
    if (votes[c] >= 2 || (votes[c] == 1 && n_samples <= 2))
      align_at (self, query, centres[c], out);
}

static gunichar *
fold_context (const char *text,
              gboolean    tail,
              guint      *len)
{
  g_autofree gunichar *f = NULL;
  guint n = 0;

  if (text == NULL || *text == '\0')
    {
      *len = 0;
      return NULL;
    }

  f = gloss_text_fold_utf8 (text, &n);
  *len = MIN (n, CONTEXT_MAX);
  if (tail && n > CONTEXT_MAX)
    return g_memdup2 (f + n - CONTEXT_MAX, CONTEXT_MAX * sizeof (gunichar));

  return g_steal_pointer (&f);
}

static gboolean
raw_context_agrees (GlossAnchorer *self,
                    const char    *context,
                    guint          at,
                    gboolean       before)
{
  g_autofree gunichar *c = NULL;
  glong n = 0, k;

  if (context == NULL || *context == '\0')
    return before ? at == 0 : at == self->len;

  c = g_utf8_to_ucs4_fast (context, -1, &n);
  k = MIN (n, RAW_CONTEXT);
  if (before)
    return at >= k && memcmp (self->text + at - k, c + n - k, k * sizeof (gunichar)) == 0;

  return self->len - at >= k && memcmp (self->text + at, c, k * sizeof (gunichar)) == 0;
}

static void
set_result (GlossAnchorer     *self,
            GlossAnchorResult *result,
            GlossAnchorMatch   match,
            const Candidate   *c,
            double             score)
{
  result->match = match;
  result->start = self->folded->to_text[c->start];
  result->end = gloss_folded_text_to_text_end (self->folded, c->end);
  result->score = CLAMP (score, 0.0, 1.0);
}

static double
context_of (const Candidate *c)
{
  return (c->ps + c->ss) / 2;
}

/* The best candidate of @cands passing @min_side on both sides (or on one side when
 * @one_side), and whether a second one makes the choice a coin toss. */
static const Candidate *
pick (GArray   *cands,
      double    min_side,
      gboolean  one_side,
      gboolean *ambiguous)
{
  const Candidate *best = NULL, *second = NULL;

  for (guint i = 0; i < cands->len; i++)
    {
      const Candidate *c = &g_array_index (cands, Candidate, i);
      double score;

      if (c->end == c->start)
        continue;  /* only counted, not weighed */
      if (one_side ? MAX (c->ps, c->ss) < min_side : MIN (c->ps, c->ss) < min_side)
        continue;
      score = c->qsim * 0.6 + context_of (c) * 0.4;
      if (best == NULL || score > best->qsim * 0.6 + context_of (best) * 0.4 ||
          (score == best->qsim * 0.6 + context_of (best) * 0.4 && c->distance < best->distance))
        second = best, best = c;
      else if (second == NULL || score > second->qsim * 0.6 + context_of (second) * 0.4)
        second = c;
    }

  *ambiguous = FALSE;
  if (best != NULL && second != NULL &&
      second->qsim * 0.6 + context_of (second) * 0.4 >
      best->qsim * 0.6 + context_of (best) * 0.4 - 0.06)
    {
      /* Equal copies (boilerplate): the one still near the old place, if clearly so. */
      guint lo = MIN (best->distance, second->distance);
      guint hi = MAX (best->distance, second->distance);

      *ambiguous = !(lo < NEAR_TIE && hi > 4 * lo + 256);
      if (!*ambiguous && second->distance < best->distance)
        best = second;
    }

  return best;
}

/* Finds @key in folded [lo, hi): the occurrence whose start (or end, with @by_end) is
 * nearest @from. */
static gboolean
find_near (GlossAnchorer  *self,
           const gunichar *key,
           guint           k,
           guint           lo,
           guint           hi,
           guint           from,
           gboolean        by_end,
           guint          *found,
           guint          *count)
{
  const gunichar *f = self->folded->chars;
  guint best = G_MAXUINT;

  *count = 0;
  hi = MIN (hi, self->folded->len);
  for (guint a = lo; a + k <= hi; a++)
    if (f[a] == key[0] && memcmp (f + a, key, k * sizeof (gunichar)) == 0)
      {
        guint at = by_end ? a + k : a;
        guint d = at > from ? at - from : from - at;

        (*count)++;
        if (d < best)
          best = d, *found = a;
      }

  return best != G_MAXUINT;
}

/* Whether the old place still stands near where it was (the end of the stored prefix,
 * then the start of the stored suffix) and @c lies outside it: then @c is a look-alike
 * and the quote there was deleted (nothing left between) or edited (something like it). */
static gboolean
old_place_elsewhere (GlossAnchorer   *self,
                     const Query     *query,
                     const Candidate *c)
{
  guint kp = MIN (query->lp, SITE_KEY), ks = MIN (query->ls, SITE_KEY);
  guint reach = 2 * query->m + 512;
  guint lo = query->expect > reach ? query->expect - reach : 0;
  guint a, b, gap, d, n_a, n_b;

  if (kp < 4 || ks < 4)
    return FALSE;
  if (!find_near (self, query->p + query->lp - kp, kp, lo, query->expect + reach, query->expect,
                  TRUE, &a, &n_a))
    return FALSE;
  a += kp;
  /* The old place is the nearer one to where the quote was. */
  if ((a > query->expect ? a - query->expect : query->expect - a) >= c->distance)
    return FALSE;
  /* The space between them may be the last of the prefix and the first of the suffix. */
  if (!find_near (self, query->s, ks, a > 0 ? a - 1 : 0, a + 2 * query->m + 64, a, FALSE, &b,
                  &n_b))
    return FALSE;
  /* Keys found inside the candidate itself say nothing. */
  if ((a - kp < c->end && a > c->start) || (b < c->end && b + ks > c->start))
    return FALSE;
  if (c->start >= a && c->end <= b + 1)
    return FALSE;

  gap = b > a ? b - a : 0;
  if (gap * 4 <= query->m)
    return TRUE;
  d = anchored_distance (query->q, query->m, self->folded->chars + a, gap, 1, query->m / 2,
                         NULL);
  if (d * 2 <= query->m)
    return TRUE;

  /* Rewritten in place: something of about its length between a context found once. */
  return n_a == 1 && gap * 2 >= query->m && gap <= 2 * query->m;
}

static void
resolve_folded (GlossAnchorer           *self,
                const Query             *query,
                const GlossAnchorTarget *target,
                GlossAnchorResult       *result)
{
  g_autoptr(GArray) exact = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) fuzzy = g_array_new (FALSE, FALSE, sizeof (Candidate));
  gboolean is_short = query->m < SHORT_QUOTE;
  double strong = is_short ? SIDE_STRONG_SHORT : SIDE_STRONG;
  const Candidate *best, *half, *fz;
  gboolean ambiguous, half_ambiguous, fz_ambiguous;

  find_exact (self, query, exact);

  /* Tiers 2 and 3: the same quote, up to typography, with context agreeing; a repeated
   * quote (boilerplate) needs it to agree closely, or a deleted copy would take another. */
  best = pick (exact, exact->len > 1 ? SIDE_REPEATED : SIDE_AGREES, FALSE, &ambiguous);
  if (best != NULL && !ambiguous && MIN (best->ps, best->ss) < SIDE_PERFECT)
    {
      /* A look-alike elsewhere may agree fairly well too; if the old place still has the
       * context, and an edited version of the quote, the annotation stays there. */
      find_fuzzy_near (self, query, fuzzy);
      fz = pick (fuzzy, SIDE_AGREES, FALSE, &fz_ambiguous);
      if (fz != NULL && fz->qsim < 1.0 && context_of (fz) > context_of (best) &&
          (fz->end <= best->start || fz->start >= best->end))
        {
          set_result (self, result, GLOSS_ANCHOR_MATCH_SUGGESTED, fz, 0.5 * fz->qsim);
          return;
        }
      g_array_set_size (fuzzy, 0);
    }
  /* Near the ends of the text there is little context to agree; a long quote found once,
   * where it was, needs none. */
  if (best == NULL && exact->len == 1 && !is_short &&
      g_array_index (exact, Candidate, 0).distance <= UNMOVED)
    best = &g_array_index (exact, Candidate, 0);
  if (best != NULL && !ambiguous &&
      ((is_short && best->distance > FAR_SHORT) ||
       (MIN (best->ps, best->ss) < SIDE_PERFECT && old_place_elsewhere (self, query, best))))
    ambiguous = TRUE;
  if (best != NULL && !ambiguous)
    {
      set_result (self, result, GLOSS_ANCHOR_MATCH_MOVED, best, 0.5 + 0.5 * context_of (best));
      /* Found where it was after all (the context only changed a little further out). */
      if (result->start == target->start && result->end == target->end &&
          result->end - result->start == query->raw_len && context_of (best) == 1.0 &&
          memcmp (self->text + result->start, query->raw,
                  query->raw_len * sizeof (gunichar)) == 0)
        result->match = GLOSS_ANCHOR_MATCH_EXACT;
      return;
    }
  if (best != NULL)
    {
      set_result (self, result, GLOSS_ANCHOR_MATCH_SUGGESTED, best, 0.5 * context_of (best));
      return;
    }

  /* Tier 4: a changed quote where the context still is. */
  half = pick (exact, exact->len > 1 ? SIDE_STRONG_SHORT : strong, TRUE, &half_ambiguous);
  find_fuzzy (self, query, fuzzy);
  fz = pick (fuzzy, exact->len > 1 ? SIDE_REPEATED : SIDE_AGREES, FALSE, &fz_ambiguous);

  if (half != NULL)
    {
      /* The quote with one side of its context, unless an edited copy sits where both
       * sides of the context still are: then the edited one is the annotated passage. */
      if (fz != NULL && fz->qsim >= FUZZY_MIN_QUOTE &&
          (fz->end <= half->start || fz->start >= half->end))
        set_result (self, result, GLOSS_ANCHOR_MATCH_SUGGESTED, fz, 0.5 * fz->qsim);
      else
        set_result (self, result,
                    half_ambiguous || old_place_elsewhere (self, query, half) ||
                    (is_short && half->distance > FAR_SHORT) ?
                    GLOSS_ANCHOR_MATCH_SUGGESTED : GLOSS_ANCHOR_MATCH_MOVED,
                    half, 0.5 + 0.5 * context_of (half));
      return;
    }

  if (fz != NULL && !fz_ambiguous && fz->qsim >= FUZZY_MIN_QUOTE)
    {
      const gunichar *f = self->folded->chars + fz->start;
      gboolean numbers = digits_equal (query->q, query->m, f, fz->end - fz->start);

      /* A changed number attaches (flagged) only where its context fully agrees. */
      if (numbers || MIN (fz->ps, fz->ss) >= 0.8)
        {
          set_result (self, result, GLOSS_ANCHOR_MATCH_FUZZY, fz,
                      fz->qsim * 0.6 + context_of (fz) * 0.4);
          return;
        }
    }

  fz = pick (fuzzy, exact->len > 1 ? SIDE_STRONG_SHORT : strong, TRUE, &fz_ambiguous);
  if (fz != NULL && !fz_ambiguous && fz->qsim >= FUZZY_ONE_SIDE && !is_short &&
      !old_place_elsewhere (self, query, fz) &&
      digits_equal (query->q, query->m, self->folded->chars + fz->start, fz->end - fz->start))
    {
      set_result (self, result, GLOSS_ANCHOR_MATCH_FUZZY, fz,
                  fz->qsim * 0.6 + context_of (fz) * 0.4);
      return;
    }

  /* Not enough evidence to attach: offer the best candidate, the same quote first. */
  best = pick (exact, 0.0, FALSE, &ambiguous);
  if (best != NULL && query->m >= 8)
    {
      set_result (self, result, GLOSS_ANCHOR_MATCH_SUGGESTED, best, 0.4 * context_of (best));
      return;
    }

  fz = pick (fuzzy, 0.0, FALSE, &fz_ambiguous);
  if (fz != NULL && fz->qsim >= SUGGEST_QUOTE &&
      (MAX (fz->ps, fz->ss) >= 0.5 || fz->qsim >= FUZZY_MIN_QUOTE))
    set_result (self, result, GLOSS_ANCHOR_MATCH_SUGGESTED, fz,
                0.5 * (fz->qsim * 0.6 + context_of (fz) * 0.4));
}

/**
 * gloss_anchorer_new:
 * @text: the current article text, UTF-8
 * @text_bytes: its size, or -1 when NUL-terminated
 *
 * Prepares @text for resolving many targets: decodes it once; the folded copy and the
 * n-gram index are built when the first target needs them (never for unchanged texts).
 *
 * Returns: (transfer full): a new anchorer
 */
GlossAnchorer *
gloss_anchorer_new (const char *text,
                    gssize      text_bytes)
{
  GlossAnchorer *self;
  g_autofree char *valid = NULL;
  glong n = 0;

  g_return_val_if_fail (text != NULL || text_bytes <= 0, NULL);

  self = g_new0 (GlossAnchorer, 1);

  if (text == NULL)
    text = "", text_bytes = 0;
  if (!g_utf8_validate_len (text, text_bytes < 0 ? strlen (text) : (gsize) text_bytes, NULL))
    text = valid = g_utf8_make_valid (text, text_bytes), text_bytes = -1;

  self->text = g_utf8_to_ucs4_fast (text, text_bytes, &n);
  self->len = n;

  return self;
}

void
gloss_anchorer_free (GlossAnchorer *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  gloss_folded_text_free (self->folded);
  g_free (self->bucket_start);
  g_free (self->positions);
  g_free (self);
}

/* The length of the current text in code points. */
guint
gloss_anchorer_get_length (GlossAnchorer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->len;
}

static void
resolve (GlossAnchorer           *self,
         const GlossAnchorTarget *target,
         gint64                   shift,
         GlossAnchorResult       *result)
{
  g_autofree gunichar *quote = NULL;
  g_autofree gunichar *q = NULL, *p = NULL, *s = NULL;
  Query query = { 0 };
  glong qlen = 0;
  gint64 expect;

  result->match = GLOSS_ANCHOR_MATCH_ORPHANED;
  result->start = result->end = 0;
  result->score = 0.0;

  if (target->exact == NULL || *target->exact == '\0' ||
      !g_utf8_validate (target->exact, -1, NULL))
    return;

  /* Tier 1: unchanged, which is what nearly every opening of a file finds. */
  quote = g_utf8_to_ucs4_fast (target->exact, -1, &qlen);
  if (target->end >= target->start && target->end <= self->len &&
      target->end - target->start == (guint) qlen &&
      memcmp (self->text + target->start, quote, qlen * sizeof (gunichar)) == 0 &&
      raw_context_agrees (self, target->prefix, target->start, TRUE) &&
      raw_context_agrees (self, target->suffix, target->end, FALSE))
    {
      result->match = GLOSS_ANCHOR_MATCH_EXACT;
      result->start = target->start;
      result->end = target->end;
      result->score = 1.0;
      return;
    }

  ensure_folded (self);
  query.raw = quote;
  query.raw_len = qlen;
  query.q = q = gloss_text_fold_utf8 (target->exact, &query.m);
  query.p = p = fold_context (target->prefix, TRUE, &query.lp);
  query.s = s = fold_context (target->suffix, FALSE, &query.ls);
  if (query.m == 0 || (query.m == 1 && q[0] == ' '))
    return;
  query.bound_start = gloss_unichar_is_word (q[0]) &&
                      (query.lp == 0 || !gloss_unichar_is_word (p[query.lp - 1]));
  query.bound_end = gloss_unichar_is_word (q[query.m - 1]) &&
                    (query.ls == 0 || !gloss_unichar_is_word (s[0]));
  expect = CLAMP ((gint64) target->start + shift, 0, (gint64) self->len);
  query.expect = self->folded->to_folded[expect];

  resolve_folded (self, &query, target, result);
}

/**
 * gloss_anchorer_resolve:
 * @target: what the annotation stored
 * @result: (out caller-allocates): where the passage is now, and how sure that is
 *
 * Finds @target in the current text. Only %GLOSS_ANCHOR_MATCH_EXACT, _MOVED and _FUZZY
 * attach; _FUZZY is to be shown as needing review, _SUGGESTED only offers its range.
 * Prefer gloss_anchorer_resolve_all() for the annotations of one article.
 */
void
gloss_anchorer_resolve (GlossAnchorer           *self,
                        const GlossAnchorTarget *target,
                        GlossAnchorResult       *result)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (target != NULL);
  g_return_if_fail (result != NULL);

  resolve (self, target, 0, result);
}

typedef struct
{
  guint  old_start;
  gint64 shift;
} Landmark;

static int
compare_landmarks (gconstpointer a,
                   gconstpointer b)
{
  const Landmark *x = a, *y = b;

  return x->old_start < y->old_start ? -1 : x->old_start > y->old_start;
}

/**
 * gloss_anchorer_resolve_all:
 * @targets: (array length=n_targets): what the annotations of one article stored
 * @results: (array length=n_targets) (out caller-allocates): one result each
 *
 * Like gloss_anchorer_resolve() for each target, but long quotes are resolved first and
 * where they moved tells where the short ones (single words, which need their old place
 * to tell copies apart) should be: after a long paragraph is inserted at the top, a word
 * far below still attaches. The results do not depend on the order of @targets.
 */
void
gloss_anchorer_resolve_all (GlossAnchorer           *self,
                            const GlossAnchorTarget *targets,
                            guint                    n_targets,
                            GlossAnchorResult       *results)
{
  g_autoptr(GArray) landmarks = g_array_new (FALSE, FALSE, sizeof (Landmark));
  g_autofree gboolean *is_short = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (targets != NULL || n_targets == 0);
  g_return_if_fail (results != NULL || n_targets == 0);

  is_short = g_new0 (gboolean, n_targets);
  for (guint i = 0; i < n_targets; i++)
    {
      const GlossAnchorTarget *t = &targets[i];

      is_short[i] = t->exact == NULL || g_utf8_strlen (t->exact, -1) < SHORT_QUOTE;
      if (is_short[i])
        continue;
      resolve (self, t, 0, &results[i]);
      if (results[i].match == GLOSS_ANCHOR_MATCH_EXACT ||
          results[i].match == GLOSS_ANCHOR_MATCH_MOVED)
        {
          Landmark l = { t->start, (gint64) results[i].start - t->start };

          g_array_append_val (landmarks, l);
        }
    }
  g_array_sort (landmarks, compare_landmarks);

  for (guint i = 0; i < n_targets; i++)
    {
      gint64 shift = 0;
      guint lo = 0, hi = landmarks->len;

      if (!is_short[i])
        continue;

      /* The shift of the landmark before the target (or the first one). */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (landmarks, Landmark, mid).old_start <= targets[i].start)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (landmarks->len > 0)
        shift = g_array_index (landmarks, Landmark, lo > 0 ? lo - 1 : 0).shift;
      resolve (self, &targets[i], shift, &results[i]);
    }
}
