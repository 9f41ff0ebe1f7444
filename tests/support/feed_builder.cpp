#include "support/feed_builder.hpp"

namespace arxiv_digest::testing {

std::string rss_feed(const std::string& category, const std::string& rfc822_day,
                     const std::vector<FeedItem>& items) {
  std::string xml =
      "<?xml version='1.0' encoding='UTF-8'?>\n"
      "<rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" version=\"2.0\">\n"
      "  <channel>\n    <title>" +
      category + " updates on arXiv.org</title>\n    <link>http://rss.arxiv.org/rss/" + category +
      "</link>\n    <description>" + category +
      " updates on the arXiv.org e-print archive.</description>\n    <pubDate>" + rfc822_day +
      "</pubDate>\n";
  for (const auto& item : items) {
    const std::string vid = item.id + "v" + std::to_string(item.version);
    xml += "    <item>\n      <title>" + item.title +
           "</title>\n      <link>https://arxiv.org/abs/" + item.id +
           "</link>\n      <description>arXiv:" + vid + " Announce Type: " + item.announce_type +
           " \nAbstract: " + item.abstract +
           "</description>\n      <guid isPermaLink=\"false\">oai:arXiv.org:" + vid + "</guid>\n";
    for (const auto& c : item.categories) {
      xml += "      <category>" + c + "</category>\n";
    }
    xml += "      <pubDate>" + rfc822_day + "</pubDate>\n      <arxiv:announce_type>" +
           item.announce_type +
           "</arxiv:announce_type>\n      "
           "<dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>\n      "
           "<dc:creator>" +
           item.authors + "</dc:creator>\n    </item>\n";
  }
  return xml + "  </channel>\n</rss>\n";
}

std::string api_feed(long long total_results, long long start_index, const std::string& iso_day,
                     const std::vector<FeedItem>& items) {
  std::string xml =
      "<?xml version='1.0' encoding='UTF-8'?>\n"
      "<feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
      "xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n"
      "  <id>https://arxiv.org/api/test</id>\n  <title>arXiv Query</title>\n"
      "  <updated>" +
      iso_day +
      "T00:00:00Z</updated>\n"
      "  <opensearch:itemsPerPage>" +
      std::to_string(items.size()) + "</opensearch:itemsPerPage>\n  <opensearch:totalResults>" +
      std::to_string(total_results) + "</opensearch:totalResults>\n  <opensearch:startIndex>" +
      std::to_string(start_index) + "</opensearch:startIndex>\n";
  for (const auto& item : items) {
    const std::string vid = item.id + "v" + std::to_string(item.version);
    xml += "  <entry>\n    <id>http://arxiv.org/abs/" + vid + "</id>\n    <title>" + item.title +
           "</title>\n    <updated>" + iso_day +
           "T10:00:00Z</updated>\n    <link href=\"https://arxiv.org/abs/" + vid +
           "\" rel=\"alternate\" type=\"text/html\"/>\n    <link href=\"https://arxiv.org/pdf/" +
           vid + "\" rel=\"related\" type=\"application/pdf\" title=\"pdf\"/>\n    <summary>" +
           item.abstract + "</summary>\n";
    for (const auto& category : item.categories) {
      xml += "    <category term=\"" + category + "\" scheme=\"http://arxiv.org/schemas/atom\"/>\n";
    }
    xml += "    <published>" + iso_day +
           "T10:00:00Z</published>\n    <arxiv:primary_category term=\"" + item.categories.front() +
           "\"/>\n    <author>\n      <name>" + item.authors +
           "</name>\n    </author>\n  </entry>\n";
  }
  return xml + "</feed>\n";
}

}  // namespace arxiv_digest::testing
