package io.tessera.catalog.backend.s3;

import io.tessera.catalog.CatalogIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The few object operations the catalog needs, with S3 failures turned into
 * {@link CatalogIOException}s naming the object. Retries happen inside the client (see
 * {@link S3CatalogStorage}), so a failure here is final.
 */
final class S3Objects {

    /** S3's limit of keys per DeleteObjects request. */
    static final int DELETE_BATCH = 1000;

    private final S3Client client;

    S3Objects(S3Client client) {
        this.client = client;
    }

    Optional<byte[]> get(String bucket, String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(bytes.asByteArrayUnsafe());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                return Optional.empty();
            }
            throw failure("read", bucket, key, e);
        } catch (SdkException e) {
            throw failure("read", bucket, key, e);
        }
    }

    void put(String bucket, String key, byte[] bytes) {
        try {
            client.putObject(b -> b.bucket(bucket).key(key).contentLength((long) bytes.length), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("write", bucket, key, e);
        }
    }

    /**
     * A create-only put ({@code If-None-Match: *}). S3 answers 412 when the object exists, and 409
     * when another conditional write to the same key is in flight; the latter is retried so the
     * caller learns who won.
     */
    boolean putIfAbsent(String bucket, String key, byte[] bytes) {
        for (int attempt = 0; ; attempt++) {
            try {
                client.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentLength((long) bytes.length),
                        RequestBody.fromBytes(bytes));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    return false;
                }
                if (e.statusCode() != 409 || attempt >= 5) {
                    throw failure("create", bucket, key, e);
                }
                sleep(20L << attempt);
            } catch (SdkException e) {
                throw failure("create", bucket, key, e);
            }
        }
    }

    boolean delete(String bucket, String key) {
        // S3's DELETE succeeds whether or not the object was there, so existence is asked first.
        try {
            client.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                return false;
            }
            throw failure("delete", bucket, key, e);
        } catch (SdkException e) {
            throw failure("delete", bucket, key, e);
        }
        try {
            client.deleteObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            throw failure("delete", bucket, key, e);
        }
    }

    void copy(String fromBucket, String fromKey, String toBucket, String toKey) {
        try {
            client.copyObject(b -> b.sourceBucket(fromBucket).sourceKey(fromKey)
                    .destinationBucket(toBucket).destinationKey(toKey));
        } catch (SdkException e) {
            throw failure("copy to s3://" + toBucket + "/" + toKey + " from", fromBucket, fromKey, e);
        }
    }

    /** Every key under a prefix, following continuation tokens. */
    List<String> list(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        forEachPage(bucket, prefix, page -> page.forEach(o -> keys.add(o.key())));
        return keys;
    }

    private void forEachPage(String bucket, String prefix, Consumer<List<S3Object>> pages) {
        String token = null;
        try {
            do {
                ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
                if (token != null) {
                    req.continuationToken(token);
                }
                ListObjectsV2Response page = client.listObjectsV2(req.build());
                pages.accept(page.contents());
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw failure("list", bucket, prefix, e);
        }
    }

    /** Deletes keys in DeleteObjects batches of 1000. */
    void deleteAll(String bucket, List<String> keys) {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> ids = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            DeleteObjectsResponse r;
            try {
                r = client.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
            } catch (SdkException e) {
                throw failure("delete objects under", bucket, ids.get(0).key(), e);
            }
            if (r.hasErrors() && !r.errors().isEmpty()) {
                var err = r.errors().get(0);
                throw new CatalogIOException("cannot delete s3://" + bucket + "/" + err.key() + ": " + err.code() + " "
                        + err.message() + " (" + r.errors().size() + " objects not deleted)", null);
            }
        }
    }

    static CatalogIOException failure(String what, String bucket, String key, SdkException e) {
        if (e instanceof S3Exception s && isNoSuchBucket(s)) {
            return new CatalogIOException("S3 bucket '" + bucket + "' does not exist (while trying to " + what
                    + " s3://" + bucket + "/" + key + "); create it first", e);
        }
        return new CatalogIOException("cannot " + what + " s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogIOException("interrupted while retrying a conditional write", e);
        }
    }
}
