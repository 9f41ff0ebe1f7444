// TLS verification is on: a server with a self-signed certificate is refused before any request
// reaches it. The certificate is made in memory for each run (no key material in the repository).

#include <gmock/gmock.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <atomic>
#include <memory>

#include "net/curl_http_client.hpp"
#include "support/loopback_server.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::net {
namespace {

using ::arxiv_digest::testing::LoopbackServer;
using ::testing::HasSubstr;

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertDeleter {
  void operator()(X509* cert) const { X509_free(cert); }
};

std::unique_ptr<X509, CertDeleter> self_signed(EVP_PKEY* key) {
  std::unique_ptr<X509, CertDeleter> cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_sign(cert.get(), key, EVP_sha256());
  return cert;
}

TEST(CurlTls, SelfSignedCertificateIsRejected) {
  const std::unique_ptr<EVP_PKEY, KeyDeleter> key(EVP_EC_gen("P-256"));
  ASSERT_NE(key, nullptr);
  const auto cert = self_signed(key.get());
  // SSL_CTX_use_certificate/PrivateKey take their own references, so ours can go afterwards.
  LoopbackServer server(std::make_unique<httplib::SSLServer>(cert.get(), key.get()));
  std::atomic<int> served{0};
  server.server().Get("/hello", [&](const httplib::Request&, httplib::Response& res) {
    ++served;
    res.set_content("should not be seen", "text/plain");
  });
  server.start();

  CurlHttpClient client;
  HttpRequest request;
  request.url = server.url("/hello", "https");
  const auto response = client.send(request);
  server.stop();

  ASSERT_FALSE(response) << "status " << response->status;
  EXPECT_EQ(response.error().code, ErrorCode::network);
  EXPECT_THAT(response.error().message, HasSubstr(request.url));
  EXPECT_THAT(response.error().message, HasSubstr("certificate"));
  EXPECT_EQ(served, 0);
}

}  // namespace
}  // namespace arxiv_digest::net
