/* placeholder until the importer lands */
#include "config.h"
#include "gloss-html-importer.h"
#include "gloss-article-error.h"
gboolean
gloss_html_import (const char *data, gsize len, GlossTextBuilder *builder,
                   GlossArticleMetadata *meta, GError **error)
{
  g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_PARSE, "not implemented");
  return FALSE;
}
