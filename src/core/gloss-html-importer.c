/* gloss-html-importer.c: reads saved web pages, through libxml2's HTML parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is parsed into a tree (never touching the network), its metadata is read from the
 * <meta> tags, and one subtree is chosen as the article body: the <article> with the most
 * text, else <main>, else <body>. That subtree is walked into the text builder, leaving out
 * what a reader does not see or does not want (scripts, navigation, hidden elements, cookie
 * banners, share buttons, …).
 *
 * Every walk over the tree is iterative, through the parent and sibling pointers: a page may
 * nest elements far deeper than the stack would allow recursion. libxml2 2.9 itself stops
 * reading a page nested deeper than 256 elements (the rest of the page is lost, but nothing
 * crashes). Sloppy pages get there without trying (a few hundred unclosed <span>s or <font>s,
 * which libxml2 does not close at the next paragraph), so such a page is read again with
 * XML_PARSE_HUGE, which lifts the limit — but only when it is small: libxml2 is quadratic
 * in the depth then, and a hostile 64 MB page must not take minutes.
 */

#define G_LOG_DOMAIN "gloss-html-importer"

#include "config.h"

#include "gloss-html-importer.h"
#include "gloss-article-error.h"
#include "gloss-text-decoder.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/globals.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_NONET | HTML_PARSE_COMPACT)

/* How far into the page a charset declaration is looked for. */
#define CHARSET_SCAN_BYTES 2048
#define MAX_BYLINE_CHARS 100
#define MAX_BYLINE_TRIES 8
#define MAX_WORD_LEN 15

/* Elements the importer treats specially; everything else is TAG_OTHER. */
typedef enum
{
  TAG_OTHER,
  TAG_A, TAG_ARTICLE, TAG_B, TAG_BLOCKQUOTE, TAG_BODY, TAG_BR, TAG_CAPTION, TAG_CITE,
  TAG_CODE, TAG_DD, TAG_DFN, TAG_DT, TAG_EM, TAG_FIGCAPTION, TAG_FIGURE, TAG_FORM,
  TAG_H1, TAG_H2, TAG_H3, TAG_H4, TAG_H5, TAG_H6, TAG_HEADER, TAG_HR, TAG_HTML, TAG_I,
  TAG_IMG, TAG_KBD, TAG_LI, TAG_LINK, TAG_LIST, TAG_MAIN, TAG_MATH, TAG_META, TAG_P,
  TAG_PRE, TAG_SAMP, TAG_SCRIPT, TAG_STRONG, TAG_STYLE, TAG_SUMMARY, TAG_SVG, TAG_TD,
  TAG_TEMPLATE, TAG_TH, TAG_TIME, TAG_TITLE, TAG_TR, TAG_TT,
} TagId;

enum
{
  TAG_FLAG_DROP = 1 << 0,   /* never article text */
  TAG_FLAG_BLOCK = 1 << 1,  /* starts and ends a block */
};

typedef struct
{
  const char *name;
  TagId       id;
  guint       flags;
} TagInfo;

/* Sorted by name (strcmp), for bsearch(). */
static const TagInfo tags[] = {
  { "a", TAG_A, 0 },
  { "address", TAG_OTHER, TAG_FLAG_BLOCK },
  { "article", TAG_ARTICLE, TAG_FLAG_BLOCK },
  { "aside", TAG_OTHER, TAG_FLAG_DROP },
  { "audio", TAG_OTHER, TAG_FLAG_DROP },
  { "b", TAG_B, 0 },
  { "blockquote", TAG_BLOCKQUOTE, TAG_FLAG_BLOCK },
  { "body", TAG_BODY, TAG_FLAG_BLOCK },
  { "br", TAG_BR, 0 },
  { "button", TAG_OTHER, TAG_FLAG_DROP },
  { "canvas", TAG_OTHER, TAG_FLAG_DROP },
  { "caption", TAG_CAPTION, TAG_FLAG_BLOCK },
  { "center", TAG_OTHER, TAG_FLAG_BLOCK },
  { "cite", TAG_CITE, 0 },
  { "code", TAG_CODE, 0 },
  { "dd", TAG_DD, TAG_FLAG_BLOCK },
  { "details", TAG_OTHER, TAG_FLAG_BLOCK },
  { "dfn", TAG_DFN, 0 },
  { "dialog", TAG_OTHER, TAG_FLAG_DROP },
  { "dir", TAG_LIST, TAG_FLAG_BLOCK },
  { "div", TAG_OTHER, TAG_FLAG_BLOCK },
  { "dl", TAG_OTHER, TAG_FLAG_BLOCK },
  { "dt", TAG_DT, TAG_FLAG_BLOCK },
  { "em", TAG_EM, 0 },
  { "embed", TAG_OTHER, TAG_FLAG_DROP },
  { "fieldset", TAG_OTHER, TAG_FLAG_BLOCK },
  { "figcaption", TAG_FIGCAPTION, TAG_FLAG_BLOCK },
  { "figure", TAG_FIGURE, TAG_FLAG_BLOCK },
  { "footer", TAG_OTHER, TAG_FLAG_DROP },
  { "form", TAG_FORM, TAG_FLAG_BLOCK },
  { "h1", TAG_H1, TAG_FLAG_BLOCK },
  { "h2", TAG_H2, TAG_FLAG_BLOCK },
  { "h3", TAG_H3, TAG_FLAG_BLOCK },
  { "h4", TAG_H4, TAG_FLAG_BLOCK },
  { "h5", TAG_H5, TAG_FLAG_BLOCK },
  { "h6", TAG_H6, TAG_FLAG_BLOCK },
  { "head", TAG_OTHER, TAG_FLAG_DROP },
  { "header", TAG_HEADER, TAG_FLAG_BLOCK },
  { "hgroup", TAG_OTHER, TAG_FLAG_BLOCK },
  { "hr", TAG_HR, TAG_FLAG_BLOCK },
  { "html", TAG_HTML, TAG_FLAG_BLOCK },
  { "i", TAG_I, 0 },
  { "iframe", TAG_OTHER, TAG_FLAG_DROP },
  { "img", TAG_IMG, 0 },
  { "input", TAG_OTHER, TAG_FLAG_DROP },
  { "kbd", TAG_KBD, 0 },
  { "legend", TAG_OTHER, TAG_FLAG_BLOCK },
  { "li", TAG_LI, TAG_FLAG_BLOCK },
  { "link", TAG_LINK, 0 },
  { "main", TAG_MAIN, TAG_FLAG_BLOCK },
  { "math", TAG_MATH, TAG_FLAG_DROP },
  { "menu", TAG_LIST, TAG_FLAG_BLOCK },
  { "meta", TAG_META, 0 },
  { "nav", TAG_OTHER, TAG_FLAG_DROP },
  { "noscript", TAG_OTHER, TAG_FLAG_DROP },
  { "object", TAG_OTHER, TAG_FLAG_DROP },
  { "ol", TAG_LIST, TAG_FLAG_BLOCK },
  { "p", TAG_P, TAG_FLAG_BLOCK },
  { "pre", TAG_PRE, TAG_FLAG_BLOCK },
  { "samp", TAG_SAMP, 0 },
  { "script", TAG_SCRIPT, TAG_FLAG_DROP },
  { "search", TAG_OTHER, TAG_FLAG_BLOCK },
  { "section", TAG_OTHER, TAG_FLAG_BLOCK },
  { "select", TAG_OTHER, TAG_FLAG_DROP },
  { "strong", TAG_STRONG, 0 },
  { "style", TAG_STYLE, TAG_FLAG_DROP },
  { "summary", TAG_SUMMARY, TAG_FLAG_BLOCK },
  { "svg", TAG_SVG, TAG_FLAG_DROP },
  { "table", TAG_OTHER, TAG_FLAG_BLOCK },
  { "tbody", TAG_OTHER, TAG_FLAG_BLOCK },
  { "td", TAG_TD, 0 },
  { "template", TAG_TEMPLATE, TAG_FLAG_DROP },
  { "textarea", TAG_OTHER, TAG_FLAG_DROP },
  { "tfoot", TAG_OTHER, TAG_FLAG_BLOCK },
  { "th", TAG_TH, 0 },
  { "thead", TAG_OTHER, TAG_FLAG_BLOCK },
  { "time", TAG_TIME, 0 },
  { "title", TAG_TITLE, TAG_FLAG_DROP },
  { "tr", TAG_TR, TAG_FLAG_BLOCK },
  { "tt", TAG_TT, 0 },
  { "ul", TAG_LIST, TAG_FLAG_BLOCK },
  { "video", TAG_OTHER, TAG_FLAG_DROP },
};

static const TagInfo other_tag = { "", TAG_OTHER, 0 };

enum
{
  WORD_JUNK = 1 << 0,     /* the element is page furniture, not article */
  WORD_CAPTION = 1 << 1,
  WORD_BYLINE = 1 << 2,
};

typedef struct
{
  const char *word;
  guint       flags;
} WordInfo;

/* Words of class and id values, sorted (strcmp), for bsearch(). */
static const WordInfo words[] = {
  { "ad", WORD_JUNK },
  { "ads", WORD_JUNK },
  { "advert", WORD_JUNK },
  { "advertisement", WORD_JUNK },
  { "author", WORD_BYLINE },
  { "breadcrumb", WORD_JUNK },
  { "breadcrumbs", WORD_JUNK },
  { "byline", WORD_BYLINE },
  { "caption", WORD_CAPTION },
  { "comments", WORD_JUNK },
  { "consent", WORD_JUNK },
  { "cookie", WORD_JUNK },
  { "cookies", WORD_JUNK },
  { "donate", WORD_JUNK },
  { "donation", WORD_JUNK },
  { "gdpr", WORD_JUNK },
  { "modal", WORD_JUNK },
  { "newsletter", WORD_JUNK },
  { "paywall", WORD_JUNK },
  { "popup", WORD_JUNK },
  { "promo", WORD_JUNK },
  { "related", WORD_JUNK },
  { "share", WORD_JUNK },
  { "sharing", WORD_JUNK },
  { "sidebar", WORD_JUNK },
  { "signup", WORD_JUNK },
  { "social", WORD_JUNK },
  { "subscribe", WORD_JUNK },
  { "subscription", WORD_JUNK },
};

/* <meta> names and properties the metadata comes from. */
typedef enum
{
  KEY_OG_TITLE,
  KEY_TWITTER_TITLE,
  KEY_OG_SITE_NAME,
  KEY_APPLICATION_NAME,
  KEY_AUTHOR,
  KEY_ARTICLE_AUTHOR,
  KEY_PUBLISHED_TIME,
  KEY_DATE,
  KEY_PUBDATE,
  KEY_DC_DATE,
  KEY_DC_DATE_ISSUED,
  KEY_OG_URL,
  N_KEYS
} MetaKey;

static const char * const meta_keys[N_KEYS] = {
  [KEY_OG_TITLE] = "og:title",
  [KEY_TWITTER_TITLE] = "twitter:title",
  [KEY_OG_SITE_NAME] = "og:site_name",
  [KEY_APPLICATION_NAME] = "application-name",
  [KEY_AUTHOR] = "author",
  [KEY_ARTICLE_AUTHOR] = "article:author",
  [KEY_PUBLISHED_TIME] = "article:published_time",
  [KEY_DATE] = "date",
  [KEY_PUBDATE] = "pubdate",
  [KEY_DC_DATE] = "dc.date",
  [KEY_DC_DATE_ISSUED] = "dc.date.issued",
  [KEY_OG_URL] = "og:url",
};

/* The attributes the importer reads, pointing into the tree. */
typedef struct
{
  const char *klass;
  const char *id;
  const char *style;
  const char *aria_hidden;
  const char *role;
  const char *rel;
  const char *href;
  const char *alt;
  const char *datetime;
  const char *name;
  const char *property;
  const char *content;
  gboolean    hidden;
} Attrs;

typedef enum
{
  WALK_SKIP,      /* do not enter the element */
  WALK_DESCEND,   /* enter it; leave() is called once its children are done */
  WALK_STOP,      /* end the walk now */
} WalkAction;

typedef struct
{
  WalkAction (*enter) (xmlNode *node, gpointer data);
  void       (*leave) (xmlNode *node, gpointer data);
  WalkAction (*text)  (xmlNode *node, gpointer data);
} Walker;

/* What the first walk finds: metadata and the candidates for the article body. */
typedef struct
{
  const char *values[N_KEYS];
  const char *canonical;
  xmlNode    *title;
  xmlNode    *body;
  xmlNode    *main;
  GArray     *articles;      /* Candidate */
  GByteArray *stack;         /* per open element: DROPPED_BIT | ARTICLE_BIT */
  guint       drop_depth;    /* open elements that are dropped */
  guint       article_depth;
  gboolean    in_article;    /* inside the last candidate */
} Survey;

typedef struct
{
  xmlNode *node;
  gsize    weight;           /* visible non-space bytes */
} Candidate;

#define DROPPED_BIT 1
#define ARTICLE_BIT 2

/* Context of the element being read; saved on entering an element, restored on leaving. */
typedef struct
{
  guint    quote_depth;
  guint    list_depth;
  guint    article_depth;
  guint    pre_depth;
  gboolean in_caption;
  gboolean figure_captionless;  /* in a <figure> with no caption: image alt texts caption it */
} Context;

/* A table row being read: cells are separated by tabs, and white space at their edges is
 * dropped, so that the tab is not surrounded by spaces. Tabs wait for the next visible text,
 * so that empty cells at the end of a row leave no tab at the end of its block. */
typedef struct
{
  gboolean active;
  guint    cells;
  guint    pending_tabs;
  gboolean cell_start;     /* nothing visible yet in this cell */
  gboolean pending_space;  /* white space seen since the last visible text */
} RowState;

typedef struct
{
  Context  saved;
  RowState saved_row;
  guint    start;          /* text length on entering (title, byline) */
  guint    pop_block : 1;
  guint    separate : 1;
  guint    close_inline : 1;
  guint    restore_row : 1;
  guint    title : 1;
  guint    byline : 1;
} Frame;

typedef struct
{
  GlossSpanKind  kind;
  const char    *href;
} Inline;

typedef struct
{
  GlossTextBuilder     *builder;
  GlossArticleMetadata *meta;
  xmlNode              *root;
  gboolean              lenient;        /* second try: keep forms, ignore class and id words */
  guint                 strict_drops;   /* elements dropped for their class, id or form */
  Context               ctx;
  RowState              row;
  GArray               *frames;         /* Frame, one per open element */
  /* Open inline ranges (one of each kind at most). They are closed at every block boundary
   * and opened again before the next text, so that they never cross blocks; the first
   * n_pushed of them are open in the builder, on top of its stack. */
  Inline                inlines[4];
  guint                 n_inlines;
  guint                 n_pushed;
  guint                 break_at;       /* text length when a block break was last asked for */
  GString              *pre_space;      /* white space at the end of <pre> text, held back */
  gboolean              title_active;
  gboolean              byline_active;
  guint                 byline_tries;
  gboolean              time_done;
} Importer;

typedef struct
{
  xmlNode  *figure;
  xmlNode  *caption;   /* the caption element being searched, if any */
  gboolean  found;
} CaptionSearch;

/* Skips what writes nothing visible from @p on; @space is set if some of it is white space. */
static const char *
skip_invisible (const char *p,
                const char *end,
                gboolean   *space)
{
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2 || gloss_text_builder_is_visible (c))
        break;
      if (space != NULL && gloss_text_builder_is_space (c))
        *space = TRUE;
      p = g_utf8_next_char (p);
    }

  return p;
}

/* The same backwards from @end, down to @start at most. */
static const char *
skip_invisible_back (const char *start,
                     const char *end,
                     gboolean   *space)
{
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char_validated (prev, end - prev);
      if (c == (gunichar) -1 || c == (gunichar) -2 || gloss_text_builder_is_visible (c))
        break;
      if (space != NULL && gloss_text_builder_is_space (c))
        *space = TRUE;
      end = prev;
    }

  return end;
}

static gboolean
is_blank_text (const char *text,
               const char *end)
{
  return skip_invisible (text, end, NULL) == end;
}

static int
compare_tag (const void *key,
             const void *elem)
{
  return strcmp (key, ((const TagInfo *) elem)->name);
}

static const TagInfo *
lookup_tag (const xmlChar *name)
{
  const TagInfo *info = NULL;

  /* libxml2 gives HTML element names in lower case. */
  if (name != NULL)
    info = bsearch (name, tags, G_N_ELEMENTS (tags), sizeof (TagInfo), compare_tag);

  return info != NULL ? info : &other_tag;
}

static int
compare_word (const void *key,
              const void *elem)
{
  return strcmp (key, ((const WordInfo *) elem)->word);
}

static inline gboolean
is_word_separator (char c)
{
  return c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Classifies a class or id value by its words: "cookie-banner" is junk, "shareholders" not. */
static guint
classify_words (const char *value)
{
  guint flags = 0;
  const char *p = value;

  if (value == NULL)
    return 0;

  while (*p != '\0')
    {
      const char *start;
      gsize len;

      while (*p != '\0' && is_word_separator (*p))
        p++;
      start = p;
      while (*p != '\0' && !is_word_separator (*p))
        p++;
      len = p - start;

      if (len > 0 && len <= MAX_WORD_LEN)
        {
          char word[MAX_WORD_LEN + 1];
          const WordInfo *info;

          for (gsize i = 0; i < len; i++)
            word[i] = g_ascii_tolower (start[i]);
          word[len] = '\0';

          info = bsearch (word, words, G_N_ELEMENTS (words), sizeof (WordInfo), compare_word);
          if (info != NULL)
            flags |= info->flags;
        }
    }

  return flags;
}

/* Whether a space-separated attribute value (rel, role) has @token, ignoring case. */
static gboolean
has_token (const char *value,
           const char *token)
{
  gsize n = strlen (token);
  const char *p = value;

  if (value == NULL)
    return FALSE;

  while (*p != '\0')
    {
      const char *start;

      while (g_ascii_isspace (*p))
        p++;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if ((gsize) (p - start) == n && g_ascii_strncasecmp (start, token, n) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether an inline style says display: none. */
static gboolean
style_hides (const char *style)
{
  if (style == NULL)
    return FALSE;

  for (const char *p = style; *p != '\0'; p++)
    {
      const char *q;

      if (g_ascii_strncasecmp (p, "display", 7) != 0)
        continue;
      if (p > style && (g_ascii_isalnum (p[-1]) || p[-1] == '-'))
        continue;

      q = p + 7;
      while (g_ascii_isspace (*q))
        q++;
      if (*q != ':')
        continue;
      q++;
      while (g_ascii_isspace (*q))
        q++;
      if (g_ascii_strncasecmp (q, "none", 4) == 0 && !g_ascii_isalnum (q[4]) && q[4] != '-')
        return TRUE;
    }

  return FALSE;
}

static const char *
attr_value (xmlAttr *attr)
{
  /* The HTML parser gives each attribute one text child, none for a bare attribute. */
  if (attr->children != NULL && attr->children->type == XML_TEXT_NODE &&
      attr->children->content != NULL)
    return (const char *) attr->children->content;

  return "";
}

static void
read_attrs (xmlNode *node,
            Attrs   *attrs)
{
  memset (attrs, 0, sizeof (Attrs));

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;

      if (name == NULL)
        continue;

      /* libxml2 gives HTML attribute names in lower case. */
      switch (name[0])
        {
        case 'a':
          if (strcmp (name, "alt") == 0)
            attrs->alt = attr_value (attr);
          else if (strcmp (name, "aria-hidden") == 0)
            attrs->aria_hidden = attr_value (attr);
          break;
        case 'c':
          if (strcmp (name, "class") == 0)
            attrs->klass = attr_value (attr);
          else if (strcmp (name, "content") == 0)
            attrs->content = attr_value (attr);
          break;
        case 'd':
          if (strcmp (name, "datetime") == 0)
            attrs->datetime = attr_value (attr);
          break;
        case 'h':
          if (strcmp (name, "href") == 0)
            attrs->href = attr_value (attr);
          else if (strcmp (name, "hidden") == 0)
            attrs->hidden = TRUE;
          break;
        case 'i':
          if (strcmp (name, "id") == 0)
            attrs->id = attr_value (attr);
          break;
        case 'n':
          if (strcmp (name, "name") == 0)
            attrs->name = attr_value (attr);
          break;
        case 'p':
          if (strcmp (name, "property") == 0)
            attrs->property = attr_value (attr);
          break;
        case 'r':
          if (strcmp (name, "rel") == 0)
            attrs->rel = attr_value (attr);
          else if (strcmp (name, "role") == 0)
            attrs->role = attr_value (attr);
          break;
        case 's':
          if (strcmp (name, "style") == 0)
            attrs->style = attr_value (attr);
          break;
        default:
          break;
        }
    }
}

static gboolean
is_hidden (const Attrs *attrs)
{
  if (attrs->hidden || style_hides (attrs->style))
    return TRUE;

  if (attrs->aria_hidden != NULL)
    {
      g_autofree char *value = g_strstrip (g_strdup (attrs->aria_hidden));

      return g_ascii_strcasecmp (value, "true") == 0;
    }

  return FALSE;
}

/* Whether an element and all it holds stay out of the article text. */
static gboolean
is_dropped (const TagInfo *tag,
            const Attrs   *attrs,
            guint          article_depth,
            gboolean       is_root,
            gboolean       lenient,
            guint         *strict_drops)
{
  if (is_root)
    return FALSE;

  if (tag->flags & TAG_FLAG_DROP)
    return TRUE;
  /* Article headers hold the headline and byline; page headers hold the site's menus. */
  if (tag->id == TAG_HEADER && article_depth == 0)
    return TRUE;
  if (is_hidden (attrs))
    return TRUE;
  if (lenient)
    return FALSE;

  if (tag->id == TAG_FORM ||
      (tag->id != TAG_HTML && tag->id != TAG_BODY &&
       ((classify_words (attrs->klass) | classify_words (attrs->id)) & WORD_JUNK)))
    {
      if (strict_drops != NULL)
        (*strict_drops)++;
      return TRUE;
    }

  return FALSE;
}

/* Visits @root and what it holds in document order, without recursion. */
static void
walk (xmlNode      *root,
      const Walker *walker,
      gpointer      data)
{
  xmlNode *node = root;

  for (;;)
    {
      WalkAction action = WALK_SKIP;

      if (node->type == XML_ELEMENT_NODE)
        {
          action = walker->enter (node, data);
          if (action == WALK_STOP)
            return;
          if (action == WALK_DESCEND)
            {
              if (node->children != NULL)
                {
                  node = node->children;
                  continue;
                }
              if (walker->leave != NULL)
                walker->leave (node, data);
            }
        }
      else if (node->type == XML_TEXT_NODE && walker->text != NULL)
        {
          if (walker->text (node, data) == WALK_STOP)
            return;
        }

      while (node != root && node->next == NULL)
        {
          node = node->parent;
          if (walker->leave != NULL)
            walker->leave (node, data);
        }
      if (node == root)
        return;
      node = node->next;
    }
}

/* The survey: metadata, and where the article body is. */

static void
survey_meta (Survey      *survey,
             const Attrs *attrs)
{
  const char *keys[2] = { attrs->name, attrs->property };

  if (attrs->content == NULL || is_blank_text (attrs->content,
                                               attrs->content + strlen (attrs->content)))
    return;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autofree char *key = NULL;

      if (keys[k] == NULL)
        continue;
      key = g_strstrip (g_strdup (keys[k]));

      for (guint i = 0; i < N_KEYS; i++)
        {
          if (survey->values[i] != NULL || g_ascii_strcasecmp (key, meta_keys[i]) != 0)
            continue;

          /* Facebook wants a profile URL here; only a name is an author. */
          if (i == KEY_ARTICLE_AUTHOR)
            {
              const char *v = attrs->content;

              while (g_ascii_isspace (*v))
                v++;
              if (strstr (v, "://") != NULL || g_str_has_prefix (v, "//") ||
                  g_ascii_strncasecmp (v, "www.", 4) == 0)
                continue;
            }

          survey->values[i] = attrs->content;
        }
    }
}

static WalkAction
survey_enter (xmlNode  *node,
              gpointer  data)
{
  Survey *survey = data;
  const TagInfo *tag = lookup_tag (node->name);
  guint8 bits = 0;
  Attrs attrs;

  /* Nothing to find in there (and <svg> has <title>s of its own). */
  if (tag->id == TAG_SCRIPT || tag->id == TAG_STYLE || tag->id == TAG_TEMPLATE ||
      tag->id == TAG_SVG || tag->id == TAG_MATH)
    return WALK_SKIP;

  read_attrs (node, &attrs);

  switch (tag->id)
    {
    case TAG_META:
      survey_meta (survey, &attrs);
      break;

    case TAG_LINK:
      if (survey->canonical == NULL && attrs.href != NULL && has_token (attrs.rel, "canonical"))
        survey->canonical = attrs.href;
      break;

    case TAG_TITLE:
      if (survey->title == NULL)
        survey->title = node;
      break;

    case TAG_BODY:
      if (survey->body == NULL)
        survey->body = node;
      break;

    default:
      break;
    }

  if (is_dropped (tag, &attrs, survey->article_depth, FALSE, FALSE, NULL))
    {
      bits |= DROPPED_BIT;
      survey->drop_depth++;
    }

  if (tag->id == TAG_ARTICLE)
    {
      bits |= ARTICLE_BIT;
      survey->article_depth++;

      /* Only outermost articles: one always holds all the text of those inside it. */
      if (survey->drop_depth == 0 && !survey->in_article)
        {
          Candidate candidate = { node, 0 };

          g_array_append_val (survey->articles, candidate);
          survey->in_article = TRUE;
        }
    }

  if (survey->main == NULL && survey->drop_depth == 0 &&
      (tag->id == TAG_MAIN || has_token (attrs.role, "main")))
    survey->main = node;

  g_byte_array_append (survey->stack, &bits, 1);

  return WALK_DESCEND;
}

static void
survey_leave (xmlNode  *node,
              gpointer  data)
{
  Survey *survey = data;
  guint8 bits;

  g_assert (survey->stack->len > 0);
  bits = survey->stack->data[survey->stack->len - 1];
  g_byte_array_set_size (survey->stack, survey->stack->len - 1);

  if (bits & DROPPED_BIT)
    survey->drop_depth--;
  if (bits & ARTICLE_BIT)
    {
      survey->article_depth--;
      if (survey->in_article &&
          g_array_index (survey->articles, Candidate, survey->articles->len - 1).node == node)
        survey->in_article = FALSE;
    }
}

static WalkAction
survey_text (xmlNode  *node,
             gpointer  data)
{
  Survey *survey = data;
  Candidate *candidate;

  if (!survey->in_article || survey->drop_depth > 0 || node->content == NULL)
    return WALK_DESCEND;

  candidate = &g_array_index (survey->articles, Candidate, survey->articles->len - 1);
  for (const xmlChar *p = node->content; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      candidate->weight++;

  return WALK_DESCEND;
}

static const Walker survey_walker = { survey_enter, survey_leave, survey_text };

static WalkAction
caption_search_enter (xmlNode  *node,
                      gpointer  data)
{
  CaptionSearch *search = data;
  const TagInfo *tag = lookup_tag (node->name);
  Attrs attrs;

  /* A nested figure's caption is its own. */
  if ((tag->id == TAG_FIGURE && node != search->figure) || (tag->flags & TAG_FLAG_DROP))
    return WALK_SKIP;

  read_attrs (node, &attrs);
  if (is_hidden (&attrs))
    return WALK_SKIP;

  if (search->caption == NULL &&
      (tag->id == TAG_FIGCAPTION || (classify_words (attrs.klass) & WORD_CAPTION)))
    search->caption = node;

  return WALK_DESCEND;
}

static void
caption_search_leave (xmlNode  *node,
                      gpointer  data)
{
  CaptionSearch *search = data;

  if (node == search->caption)
    search->caption = NULL;
}

static WalkAction
caption_search_text (xmlNode  *node,
                     gpointer  data)
{
  CaptionSearch *search = data;
  const char *text = (const char *) node->content;

  if (search->caption != NULL && text != NULL && !is_blank_text (text, text + strlen (text)))
    {
      search->found = TRUE;
      return WALK_STOP;
    }

  return WALK_DESCEND;
}

static const Walker caption_search_walker = {
  caption_search_enter, caption_search_leave, caption_search_text
};

/* Whether a <figure> has a caption of its own with some text in it. */
static gboolean
figure_has_caption (xmlNode *figure)
{
  CaptionSearch search = { figure, NULL, FALSE };

  walk (figure, &caption_search_walker, &search);

  return search.found;
}

/* Writing the article body. */

static void
unpush_inlines (Importer *self)
{
  for (; self->n_pushed > 0; self->n_pushed--)
    gloss_text_builder_pop (self->builder);
}

static void
push_inlines (Importer *self)
{
  for (; self->n_pushed < self->n_inlines; self->n_pushed++)
    gloss_text_builder_push (self->builder, self->inlines[self->n_pushed].kind, 0,
                             self->inlines[self->n_pushed].href);
}

static gboolean
open_inline (Importer      *self,
             GlossSpanKind  kind,
             const char    *href)
{
  /* <b> in <b> adds nothing; links do not nest. */
  for (guint i = 0; i < self->n_inlines; i++)
    if (self->inlines[i].kind == kind)
      return FALSE;

  g_assert (self->n_inlines < G_N_ELEMENTS (self->inlines));
  self->inlines[self->n_inlines].kind = kind;
  self->inlines[self->n_inlines].href = href;
  self->n_inlines++;

  return TRUE;
}

static void
close_inline (Importer *self)
{
  g_assert (self->n_inlines > 0);

  /* Whatever was opened inside it is closed by now, so it is on top. */
  if (self->n_pushed == self->n_inlines)
    {
      gloss_text_builder_pop (self->builder);
      self->n_pushed--;
    }
  self->n_inlines--;
}

static void
open_block (Importer      *self,
            GlossSpanKind  kind,
            guint          level)
{
  unpush_inlines (self);
  gloss_text_builder_push (self->builder, kind, level, NULL);
  self->break_at = gloss_text_builder_get_length (self->builder);
}

static void
close_block (Importer *self)
{
  unpush_inlines (self);
  gloss_text_builder_pop (self->builder);
  self->break_at = gloss_text_builder_get_length (self->builder);
}

/* Ends the current block without making a range: the builder drops an empty paragraph but
 * keeps the block break its pop asks for. */
static void
block_break (Importer *self)
{
  guint length = gloss_text_builder_get_length (self->builder);

  /* Nothing to separate yet, or a break is still pending (no text came since). */
  if (length == 0 || length == self->break_at)
    return;

  unpush_inlines (self);
  gloss_text_builder_push (self->builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
  gloss_text_builder_pop (self->builder);
  self->break_at = length;
}

/* The text written since @start (code points), for metadata. */
static char *
dup_text_since (Importer *self,
                guint     start)
{
  const char *text = gloss_text_builder_peek_text (self->builder);

  return g_strdup (g_utf8_offset_to_pointer (text, start));
}

/* Text in a table row: edge spaces of cells are dropped so tabs stand alone. */
static void
append_row_text (Importer   *self,
                 const char *text)
{
  const char *end = text + strlen (text);
  gboolean leading_space = FALSE;
  gboolean trailing_space = FALSE;
  const char *start = skip_invisible (text, end, &leading_space);
  const char *stop;

  if (start == end)
    {
      if (!self->row.cell_start && leading_space)
        self->row.pending_space = TRUE;
      return;
    }
  stop = skip_invisible_back (start, end, &trailing_space);

  if (self->row.pending_tabs > 0)
    {
      for (; self->row.pending_tabs > 0; self->row.pending_tabs--)
        gloss_text_builder_append_verbatim (self->builder, "\t", 1);
    }
  else if (!self->row.cell_start && (self->row.pending_space || leading_space))
    gloss_text_builder_append (self->builder, " ", 1);
  push_inlines (self);
  gloss_text_builder_append (self->builder, start, stop - start);
  self->row.cell_start = FALSE;
  self->row.pending_space = trailing_space;
}

/* Text in <pre>: the builder writes spaces and tabs as they come, so white space is held
 * back until visible text follows, or a code block could end in spaces. */
static void
append_pre_text (Importer   *self,
                 const char *text)
{
  const char *end = text + strlen (text);
  const char *first = skip_invisible (text, end, NULL);
  const char *last;

  if (first == end)
    {
      g_string_append_len (self->pre_space, text, end - text);
      return;
    }
  last = skip_invisible_back (first, end, NULL);

  /* White space before the text stays out of the inline ranges that open for it. */
  g_string_append_len (self->pre_space, text, first - text);
  if (self->pre_space->len > 0)
    {
      gloss_text_builder_append_verbatim (self->builder, self->pre_space->str,
                                          self->pre_space->len);
      g_string_truncate (self->pre_space, 0);
    }

  push_inlines (self);
  gloss_text_builder_append_verbatim (self->builder, first, last - first);
  g_string_append_len (self->pre_space, last, end - last);
}

static void
start_cell (Importer *self)
{
  if (!self->row.active)
    return;

  if (self->row.cells > 0)
    self->row.pending_tabs++;
  self->row.cells++;
  self->row.cell_start = TRUE;
  self->row.pending_space = FALSE;
}

static void
add_image_caption (Importer    *self,
                   const Attrs *attrs)
{
  if (!self->ctx.figure_captionless || attrs->alt == NULL ||
      is_blank_text (attrs->alt, attrs->alt + strlen (attrs->alt)))
    return;

  open_block (self, GLOSS_SPAN_CAPTION, 0);
  gloss_text_builder_append (self->builder, attrs->alt, -1);
  close_block (self);
}

static gboolean
get_inline_kind (TagId          id,
                 GlossSpanKind *kind)
{
  switch (id)
    {
    case TAG_EM:
    case TAG_I:
    case TAG_CITE:
    case TAG_DFN:
      *kind = GLOSS_SPAN_EMPHASIS;
      return TRUE;
    case TAG_STRONG:
    case TAG_B:
      *kind = GLOSS_SPAN_STRONG;
      return TRUE;
    case TAG_CODE:
    case TAG_KBD:
    case TAG_SAMP:
    case TAG_TT:
      *kind = GLOSS_SPAN_CODE;
      return TRUE;
    case TAG_A:
      *kind = GLOSS_SPAN_LINK;
      return TRUE;
    default:
      return FALSE;
    }
}

static WalkAction
render_enter (xmlNode  *node,
              gpointer  data)
{
  Importer *self = data;
  const TagInfo *tag = lookup_tag (node->name);
  GlossSpanKind kind = GLOSS_SPAN_PARAGRAPH;
  GlossSpanKind inline_span = GLOSS_SPAN_EMPHASIS;
  gboolean is_inline = get_inline_kind (tag->id, &inline_span);
  gboolean block = FALSE;
  guint level = 0;
  guint class_words;
  Frame frame = { 0 };
  Attrs attrs;

  read_attrs (node, &attrs);
  if (is_dropped (tag, &attrs, self->ctx.article_depth, node == self->root, self->lenient,
                  &self->strict_drops))
    return WALK_SKIP;

  switch (tag->id)
    {
    case TAG_BR:
      /* Spaces at the end of a line are not kept. */
      g_string_truncate (self->pre_space, 0);
      gloss_text_builder_line_break (self->builder);
      return WALK_SKIP;

    case TAG_IMG:
      add_image_caption (self, &attrs);
      return WALK_SKIP;

    case TAG_HR:
      block_break (self);
      return WALK_SKIP;

    default:
      break;
    }

  frame.saved = self->ctx;
  class_words = classify_words (attrs.klass);

  switch (tag->id)
    {
    case TAG_P:
    case TAG_DT:
    case TAG_DD:
    case TAG_SUMMARY:
      block = TRUE;
      break;

    case TAG_TR:
      block = TRUE;
      frame.restore_row = TRUE;
      frame.saved_row = self->row;
      self->row = (RowState) { TRUE, 0, 0, TRUE, FALSE };
      break;

    case TAG_TD:
    case TAG_TH:
      start_cell (self);
      break;

    case TAG_H1:
    case TAG_H2:
    case TAG_H3:
    case TAG_H4:
    case TAG_H5:
    case TAG_H6:
      block = TRUE;
      kind = GLOSS_SPAN_HEADING;
      level = tag->id - TAG_H1 + 1;
      if (level == 1 && !self->title_active && self->meta->title == NULL)
        {
          frame.title = TRUE;
          self->title_active = TRUE;
        }
      break;

    case TAG_BLOCKQUOTE:
      block = TRUE;
      kind = GLOSS_SPAN_BLOCKQUOTE;
      level = ++self->ctx.quote_depth;
      break;

    case TAG_LI:
      block = TRUE;
      kind = GLOSS_SPAN_LIST_ITEM;
      level = MAX (self->ctx.list_depth, 1);
      break;

    case TAG_LIST:
      self->ctx.list_depth++;
      break;

    case TAG_FIGCAPTION:
    case TAG_CAPTION:
      block = TRUE;
      kind = GLOSS_SPAN_CAPTION;
      break;

    case TAG_PRE:
      block = TRUE;
      kind = GLOSS_SPAN_CODE_BLOCK;
      self->ctx.pre_depth++;
      g_string_truncate (self->pre_space, 0);
      break;

    case TAG_ARTICLE:
      self->ctx.article_depth++;
      break;

    case TAG_FIGURE:
      self->ctx.figure_captionless = !figure_has_caption (node);
      break;

    case TAG_TIME:
      if (!self->time_done && attrs.datetime != NULL)
        {
          gloss_article_metadata_set (&self->meta->date, attrs.datetime, FALSE);
          self->time_done = TRUE;
        }
      break;

    default:
      break;
    }

  /* A "caption" class makes a caption of a paragraph or of a plain container. */
  if ((class_words & WORD_CAPTION) && node != self->root &&
      (tag->id == TAG_P || tag->id == TAG_OTHER))
    {
      block = TRUE;
      kind = GLOSS_SPAN_CAPTION;
    }

  if (block && kind == GLOSS_SPAN_CAPTION)
    {
      /* A caption inside a caption adds nothing. */
      if (self->ctx.in_caption)
        block = FALSE;
      self->ctx.in_caption = TRUE;
    }

  if (block)
    {
      open_block (self, kind, level);
      frame.pop_block = TRUE;
    }
  else if (tag->flags & TAG_FLAG_BLOCK)
    {
      block_break (self);
      frame.separate = TRUE;
    }
  else if (is_inline)
    {
      /* <pre><code> is the usual way to write a code block, not code inside one. */
      if ((tag->id != TAG_A || attrs.href != NULL) &&
          !(inline_span == GLOSS_SPAN_CODE && self->ctx.pre_depth > 0))
        frame.close_inline = open_inline (self, inline_span, attrs.href);
    }

  if (self->meta->author == NULL && !self->byline_active &&
      self->byline_tries < MAX_BYLINE_TRIES &&
      ((class_words & WORD_BYLINE) || has_token (attrs.rel, "author")))
    {
      frame.byline = TRUE;
      self->byline_active = TRUE;
    }

  if (frame.title || frame.byline)
    frame.start = gloss_text_builder_get_length (self->builder);

  g_array_append_val (self->frames, frame);

  return WALK_DESCEND;
}

static void
finish_byline (Importer *self,
               guint     start)
{
  g_autofree char *text = NULL;
  char *author;

  /* Copying the text costs its length: only a few elements that have some get a try. */
  if (gloss_text_builder_get_length (self->builder) == start)
    return;
  self->byline_tries++;

  text = dup_text_since (self, start);
  author = g_strstrip (text);

  if (g_ascii_strncasecmp (author, "by ", 3) == 0)
    author = g_strchug (author + 3);

  if (*author != '\0' && g_utf8_strlen (author, -1) <= MAX_BYLINE_CHARS)
    gloss_article_metadata_set (&self->meta->author, author, FALSE);
}

static void
render_leave (xmlNode  *node,
              gpointer  data)
{
  Importer *self = data;
  Frame frame;

  g_assert (self->frames->len > 0);
  frame = g_array_index (self->frames, Frame, self->frames->len - 1);
  g_array_set_size (self->frames, self->frames->len - 1);

  if (frame.title)
    {
      /* An h1 that wrote nothing (a logo) leaves the title to the next one. */
      if (gloss_text_builder_get_length (self->builder) > frame.start)
        {
          g_autofree char *title = dup_text_since (self, frame.start);

          gloss_article_metadata_set (&self->meta->title, title, FALSE);
        }
      self->title_active = FALSE;
    }
  if (frame.byline)
    {
      finish_byline (self, frame.start);
      self->byline_active = FALSE;
    }

  if (frame.close_inline)
    close_inline (self);
  if (frame.pop_block)
    close_block (self);
  if (frame.separate)
    block_break (self);
  if (frame.restore_row)
    self->row = frame.saved_row;

  self->ctx = frame.saved;
  if (self->ctx.pre_depth == 0)
    g_string_truncate (self->pre_space, 0);
}

static WalkAction
render_text (xmlNode  *node,
             gpointer  data)
{
  Importer *self = data;
  const char *text = (const char *) node->content;
  gsize len;

  if (text == NULL || *text == '\0')
    return WALK_DESCEND;

  if (self->ctx.pre_depth > 0)
    append_pre_text (self, text);
  else if (self->row.active)
    append_row_text (self, text);
  else
    {
      len = strlen (text);
      /* Inline ranges start at visible text anyway; do not reopen them for white space. */
      if (!is_blank_text (text, text + len))
        push_inlines (self);
      gloss_text_builder_append (self->builder, text, len);
    }

  return WALK_DESCEND;
}

static const Walker render_walker = { render_enter, render_leave, render_text };

static void
render (Importer *self)
{
  self->ctx = (Context) { 0 };
  self->row = (RowState) { 0 };
  self->n_inlines = self->n_pushed = 0;
  self->break_at = G_MAXUINT;
  g_string_truncate (self->pre_space, 0);
  self->title_active = self->byline_active = FALSE;
  self->strict_drops = 0;
  g_array_set_size (self->frames, 0);

  /* Headers are kept inside articles, including one the body is in. */
  for (xmlNode *n = self->root->parent; n != NULL; n = n->parent)
    if (n->type == XML_ELEMENT_NODE && lookup_tag (n->name)->id == TAG_ARTICLE)
      self->ctx.article_depth++;

  walk (self->root, &render_walker, self);
  unpush_inlines (self);
}

/* Metadata. */

static gboolean
tail_equals (const char *text,
             gsize       text_len,
             const char *tail)
{
  g_autofree char *a = g_utf8_casefold (text, text_len);
  g_autofree char *b = g_utf8_casefold (tail, -1);

  return strcmp (a, b) == 0;
}

/* "Headline | Outlet" → "Headline", when Outlet is the site's name. */
static char *
strip_outlet_suffix (const char *title,
                     const char *outlet)
{
  static const char * const separators[] = {
    " | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ",  /* em and en dash */
  };
  gsize title_len = strlen (title);
  gsize outlet_len;

  if (outlet == NULL)
    return g_strdup (title);

  outlet_len = strlen (outlet);
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      gsize sep_len = strlen (separators[i]);
      gsize head_len;

      if (title_len <= sep_len + outlet_len)
        continue;
      head_len = title_len - sep_len - outlet_len;
      if (memcmp (title + head_len, separators[i], sep_len) == 0 &&
          tail_equals (title + head_len + sep_len, outlet_len, outlet))
        return g_strndup (title, head_len);
    }

  return g_strdup (title);
}

static void
set_metadata_before (GlossArticleMetadata *meta,
                     const Survey         *survey)
{
  const char * const *v = survey->values;

  gloss_article_metadata_set (&meta->title, v[KEY_OG_TITLE], FALSE);
  gloss_article_metadata_set (&meta->title, v[KEY_TWITTER_TITLE], FALSE);
  gloss_article_metadata_set (&meta->outlet, v[KEY_OG_SITE_NAME], FALSE);
  gloss_article_metadata_set (&meta->outlet, v[KEY_APPLICATION_NAME], FALSE);
  gloss_article_metadata_set (&meta->author, v[KEY_AUTHOR], FALSE);
  gloss_article_metadata_set (&meta->author, v[KEY_ARTICLE_AUTHOR], FALSE);
  gloss_article_metadata_set (&meta->date, v[KEY_PUBLISHED_TIME], FALSE);
  gloss_article_metadata_set (&meta->date, v[KEY_DATE], FALSE);
  gloss_article_metadata_set (&meta->date, v[KEY_PUBDATE], FALSE);
  gloss_article_metadata_set (&meta->date, v[KEY_DC_DATE], FALSE);
  gloss_article_metadata_set (&meta->date, v[KEY_DC_DATE_ISSUED], FALSE);
  gloss_article_metadata_set (&meta->url, v[KEY_OG_URL], FALSE);
  gloss_article_metadata_set (&meta->url, survey->canonical, FALSE);
}

/* The <title>, the last resort for the title. */
static void
set_title_from_head (GlossArticleMetadata *meta,
                     xmlNode              *title_node)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  xmlChar *content;

  if (meta->title != NULL || title_node == NULL)
    return;

  content = xmlNodeGetContent (title_node);
  gloss_article_metadata_set (&folded, (const char *) content, TRUE);
  xmlFree (content);
  if (folded == NULL)
    return;

  stripped = strip_outlet_suffix (folded, meta->outlet);
  gloss_article_metadata_set (&meta->title, stripped, FALSE);
}

/* Encoding. */


static gboolean
label_in (const char         *label,
          const char * const *labels,
          gsize               n_labels)
{
  for (gsize i = 0; i < n_labels; i++)
    if (g_ascii_strcasecmp (label, labels[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The charset a <meta> tag in the first 2 KB declares, or NULL. */
static char *
find_declared_charset (const char *data,
                       gsize       len)
{
  gsize scan = MIN (len, CHARSET_SCAN_BYTES);

  for (gsize i = 0; i + 5 < scan; i++)
    {
      const char *tag_end;
      const char *p;
      gsize tag_len;

      if (data[i] != '<' || g_ascii_strncasecmp (data + i + 1, "meta", 4) != 0 ||
          !(g_ascii_isspace (data[i + 5]) || data[i + 5] == '/'))
        continue;

      tag_len = MIN (len - i, 1024);
      tag_end = memchr (data + i, '>', tag_len);
      if (tag_end == NULL)
        tag_end = data + i + tag_len;

      for (p = data + i + 5; p + 7 <= tag_end; p++)
        {
          const char *q;
          const char *start;

          if (g_ascii_strncasecmp (p, "charset", 7) != 0)
            continue;

          q = p + 7;
          while (q < tag_end && g_ascii_isspace (*q))
            q++;
          if (q == tag_end || *q != '=')
            continue;
          q++;
          while (q < tag_end && (g_ascii_isspace (*q) || *q == '"' || *q == '\''))
            q++;

          start = q;
          while (q < tag_end && (g_ascii_isalnum (*q) || strchr ("-_.:", *q) != NULL))
            q++;
          if (q > start && q - start <= 40)
            return g_strndup (start, q - start);
        }
    }

  return NULL;
}

typedef enum
{
  DECODE_UTF8,
  DECODE_WINDOWS_1252,
  DECODE_LIBXML,
} Decoding;

/* How to read the bytes: UTF-8 and Windows-1252 (which browsers also use for pages that say
 * ISO-8859-1 or ASCII) are decoded here; other declared charsets are left to libxml2. */
static Decoding
choose_decoding (const char  *data,
                 gsize        len,
                 char       **label)
{
  static const char * const windows_1252_labels[] = {
    "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1",
    "iso_8859-1:1987", "iso-ir-100", "latin1", "l1", "csisolatin1", "ibm819", "cp819",
    "us-ascii", "ascii", "ansi_x3.4-1968", "x-user-defined",
  };
  static const char * const utf8_labels[] = {
    "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8",
  };
  g_autofree char *declared = NULL;

  *label = NULL;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    return DECODE_UTF8;

  declared = find_declared_charset (data, len);
  if (declared != NULL)
    {
      xmlCharEncodingHandler *handler;

      if (label_in (declared, windows_1252_labels, G_N_ELEMENTS (windows_1252_labels)))
        return DECODE_WINDOWS_1252;
      if (label_in (declared, utf8_labels, G_N_ELEMENTS (utf8_labels)))
        return DECODE_UTF8;

      /* A page that says UTF-16 but has no NUL bytes is not; browsers read it as UTF-8. */
      if (g_ascii_strncasecmp (declared, "utf-16", 6) != 0 &&
          g_ascii_strncasecmp (declared, "utf-32", 6) != 0 &&
          g_ascii_strncasecmp (declared, "ucs", 3) != 0 &&
          g_ascii_strncasecmp (declared, "unicode", 7) != 0 &&
          (handler = xmlFindCharEncodingHandler (declared)) != NULL)
        {
          xmlCharEncCloseFunc (handler);
          *label = g_steal_pointer (&declared);
          return DECODE_LIBXML;
        }
    }

  return g_utf8_validate_len (data, len, NULL) ? DECODE_UTF8 : DECODE_WINDOWS_1252;
}

static void
ignore_generic_error (void       *ctx,
                      const char *msg,
                      ...)
{
}

static void
ignore_structured_error (void     *data,
                         xmlError *error)
{
}

/* Pages up to this size are parsed again without the depth limit when they hit it. Measured:
 * 2,000 unclosed <p><span>s (depth 4,000) take 0.03 s, 20,000 take 20 s; the worst page of
 * this size takes a few seconds, in the import thread. */
#define MAX_DEEP_PAGE_SIZE (128 * 1024)

static xmlDoc *
parse_with (const char *data,
            gsize       len,
            const char *encoding,
            int         options,
            gboolean   *too_deep)
{
  static gsize initialised = 0;
  xmlGenericErrorFunc old_generic;
  xmlStructuredErrorFunc old_structured;
  void *old_generic_data;
  void *old_structured_data;
  htmlParserCtxt *ctxt;
  xmlDoc *doc;

  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }

  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    return NULL;

  /* NOERROR does not cover encoding errors, which libxml2 prints; these are per thread. */
  old_generic = xmlGenericError;
  old_generic_data = xmlGenericErrorContext;
  old_structured = xmlStructuredError;
  old_structured_data = xmlStructuredErrorContext;
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  xmlSetStructuredErrorFunc (NULL, ignore_structured_error);

  doc = htmlCtxtReadMemory (ctxt, data, (int) len, NULL, encoding, options);

  xmlSetStructuredErrorFunc (old_structured_data, old_structured);
  xmlSetGenericErrorFunc (old_generic_data, old_generic);

  /* libxml2 halts on pages nested over 256 deep, and on undecodable bytes. */
  *too_deep = FALSE;
  if (doc != NULL && ctxt->disableSAX != 0)
    {
      g_debug ("libxml2 stopped reading the page early: %s",
               ctxt->lastError.message != NULL ? g_strchomp (ctxt->lastError.message) : "?");
      *too_deep = ctxt->lastError.message != NULL &&
                  strstr (ctxt->lastError.message, "Excessive depth") != NULL;
    }

  htmlFreeParserCtxt (ctxt);

  return doc;
}

static xmlDoc *
parse (const char *data,
       gsize       len,
       const char *encoding)
{
  gboolean too_deep = FALSE;
  xmlDoc *doc = parse_with (data, len, encoding, PARSE_OPTIONS, &too_deep);

  if (too_deep && len <= MAX_DEEP_PAGE_SIZE)
    {
      xmlFreeDoc (doc);
      doc = parse_with (data, len, encoding, PARSE_OPTIONS | XML_PARSE_HUGE, &too_deep);
    }

  return doc;
}

/* libxml2 reads "<![CDATA[…]]>" in HTML as text, where browsers hide it; cut it out. */
static char *
remove_cdata (const char *data,
              gsize       len,
              gsize      *out_len)
{
  static const char open[] = "<![CDATA[";
  const gsize open_len = sizeof open - 1;
  const char *end = data + len;
  const char *copied = data;
  GString *out = NULL;

  for (const char *p = data; p < end && (p = memchr (p, '<', end - p)) != NULL; p++)
    {
      const char *close;

      if ((gsize) (end - p) < open_len || g_ascii_strncasecmp (p, open, open_len) != 0)
        continue;

      for (close = p + open_len; close + 3 <= end; close++)
        if (close[0] == ']' && close[1] == ']' && close[2] == '>')
          break;
      if (close + 3 > end)
        break;

      if (out == NULL)
        out = g_string_sized_new (len);
      g_string_append_len (out, copied, p - copied);
      copied = close + 3;
      p = copied - 1;
    }

  if (out == NULL)
    return NULL;

  g_string_append_len (out, copied, end - copied);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
is_blank_bytes (const char *data,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;

  return TRUE;
}

static xmlNode *
choose_root (Survey  *survey,
             xmlNode *root_element)
{
  xmlNode *best = NULL;
  gsize best_weight = 0;

  for (guint i = 0; i < survey->articles->len; i++)
    {
      Candidate *candidate = &g_array_index (survey->articles, Candidate, i);

      if (candidate->weight > best_weight)
        {
          best = candidate->node;
          best_weight = candidate->weight;
        }
    }

  if (best != NULL)
    return best;
  if (survey->main != NULL)
    return survey->main;
  if (survey->body != NULL)
    return survey->body;

  return root_element;
}

/**
 * gloss_html_import:
 * @data: the bytes of the page (no NUL bytes)
 *
 * Reads a saved web page. Empty pages are fine; %FALSE only if libxml2 gives up entirely.
 */
gboolean
gloss_html_import (const char            *data,
                   gsize                  len,
                   GlossTextBuilder      *builder,
                   GlossArticleMetadata  *meta,
                   GError               **error)
{
  g_autofree char *converted = NULL;
  g_autofree char *without_cdata = NULL;
  g_autofree char *label = NULL;
  const char *encoding = "UTF-8";
  g_autoptr(GArray) frames = NULL;
  g_autoptr(GString) pre_space = NULL;
  g_autoptr(GArray) articles = NULL;
  g_autoptr(GByteArray) stack = NULL;
  gboolean builder_was_empty;
  xmlNode *root_element;
  Survey survey = { { NULL } };
  Importer self = { 0 };
  xmlDoc *doc;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  switch (choose_decoding (data, len, &label))
    {
    case DECODE_UTF8:
      if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        {
          data += 3;
          len -= 3;
        }
      /* libxml2 garbles invalid UTF-8; browsers show U+FFFD. */
      if (!g_utf8_validate_len (data, len, NULL))
        {
          converted = g_utf8_make_valid (data, len);
          data = converted;
          len = strlen (converted);
        }
      break;

    case DECODE_WINDOWS_1252:
      converted = gloss_text_decode_windows_1252 (data, len, &len);
      data = converted;
      break;

    case DECODE_LIBXML:
    default:
      encoding = label;
      break;
    }

  without_cdata = remove_cdata (data, len, &len);
  if (without_cdata != NULL)
    data = without_cdata;

  if (is_blank_bytes (data, len))
    return TRUE;

  if (len > G_MAXINT)
    {
      g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_PARSE,
                           "the page is too large for the HTML parser");
      return FALSE;
    }

  doc = parse (data, len, encoding);
  if (doc == NULL)
    {
      g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_PARSE,
                           "the page could not be read as HTML");
      return FALSE;
    }

  root_element = xmlDocGetRootElement (doc);
  if (root_element == NULL)
    {
      xmlFreeDoc (doc);
      return TRUE;
    }

  articles = g_array_new (FALSE, FALSE, sizeof (Candidate));
  stack = g_byte_array_new ();
  survey.articles = articles;
  survey.stack = stack;
  walk (root_element, &survey_walker, &survey);

  set_metadata_before (meta, &survey);

  frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  pre_space = g_string_new (NULL);
  self.builder = builder;
  self.meta = meta;
  self.frames = frames;
  self.pre_space = pre_space;
  self.root = choose_root (&survey, root_element);

  builder_was_empty = gloss_text_builder_get_length (builder) == 0 &&
                      gloss_text_builder_get_depth (builder) == 0;
  render (&self);

  /* Pages wrapped whole in a <form> (ASP.NET) or in a container with an unlucky class name
   * would come out empty; better to show them with some clutter. */
  if (builder_was_empty && gloss_text_builder_get_length (builder) == 0 &&
      self.strict_drops > 0)
    {
      g_free (gloss_text_builder_end (builder, NULL));
      self.lenient = TRUE;
      render (&self);
    }

  set_title_from_head (meta, survey.title);

  xmlFreeDoc (doc);

  return TRUE;
}
