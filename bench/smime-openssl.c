/* In-process peer for bench/smime.mjs: what `openssl cms -verify -in MSG -CAfile CA -purpose smimesign`
 * does, in a loop inside one process, so process start-up does not count. Each iteration parses the
 * message (SMIME_read_CMS) and verifies it (CMS_verify: digest, signature, chain to the CA file),
 * like one call of our core. The trust store is built once, as our anchors are.
 * With CRL files (DER or PEM), they are loaded once into the store and every certificate of the path
 * is checked against them (X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL), as ours does with --crl.
 *   cc -O2 -o smime-openssl bench/smime-openssl.c -lcrypto
 *   ./smime-openssl MESSAGE.eml CA.pem SECONDS ATTIME_EPOCH [CRL…]   ->  "<iterations> <seconds>"
 */
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int verify_once(const char *buf, long len, X509_STORE *store) {
  BIO *in = BIO_new_mem_buf(buf, (int)len);
  BIO *indata = NULL;
  CMS_ContentInfo *cms = SMIME_read_CMS(in, &indata);
  int ok = 0;
  if (cms) {
    BIO *out = BIO_new(BIO_s_null());
    ok = CMS_verify(cms, NULL, store, indata, out, 0);
    BIO_free(out);
    CMS_ContentInfo_free(cms);
  }
  BIO_free(indata);
  BIO_free(in);
  return ok;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: %s MESSAGE CA SECONDS ATTIME [CRL...]\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 2;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(len);
  if (fread(buf, 1, len, f) != (size_t)len) return 2;
  fclose(f);

  X509_STORE *store = X509_STORE_new();
  if (!X509_STORE_load_file(store, argv[2])) return 2;
  X509_STORE_set_purpose(store, X509_PURPOSE_SMIME_SIGN);
  X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store), (time_t)atoll(argv[4]));
  for (int i = 5; i < argc; i++) {
    FILE *cf = fopen(argv[i], "rb");
    if (!cf) return 2;
    X509_CRL *crl = d2i_X509_CRL_fp(cf, NULL);
    if (!crl) {
      rewind(cf);
      crl = PEM_read_X509_CRL(cf, NULL, NULL, NULL);
    }
    fclose(cf);
    if (!crl || !X509_STORE_add_crl(store, crl)) return 2;
    X509_CRL_free(crl);
  }
  if (argc > 5) X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);

  for (int i = 0; i < 20; i++) {
    if (!verify_once(buf, len, store)) {
      ERR_print_errors_fp(stderr);
      return 1;
    }
  }
  double budget = atof(argv[3]);
  double t0 = now(), t = t0;
  long n = 0;
  while (t - t0 < budget) {
    if (!verify_once(buf, len, store)) {
      ERR_print_errors_fp(stderr);
      return 1;
    }
    n++;
    if ((n & 15) == 0) t = now();
  }
  t = now();
  printf("%ld %.6f\n", n, t - t0);
  X509_STORE_free(store);
  free(buf);
  return 0;
}
