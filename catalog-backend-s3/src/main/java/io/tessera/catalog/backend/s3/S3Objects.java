package io.tessera.catalog.backend.s3;

import io.tessera.catalog.exceptions.CatalogIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
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

    /** Attempts of one conditional write before its outcome is given up as unknown. */
    static final int CONDITIONAL_ATTEMPTS = 6;

    /** What a conditional write found. */
    enum Conditional {
        /** This call's request took effect. */
        DONE,
        /** The server refused: the precondition does not hold, and no earlier attempt of this call can have caused that. */
        REFUSED,
        /** An attempt may have taken effect without this call seeing the answer. */
        UNKNOWN
    }

    /** An object's bytes and the ETag that names this version of it. */
    record Versioned(byte[] bytes, String etag) {
    }

    private final S3Client client;
    private final S3Client conditionalClient;

    S3Objects(S3Client client, S3Client conditionalClient) {
        this.client = client;
        this.conditionalClient = conditionalClient;
    }

    Optional<byte[]> get(String bucket, String key) {
        return getVersioned(bucket, key).map(Versioned::bytes);
    }

    void put(String bucket, String key, byte[] bytes) {
        try {
            client.putObject(b -> b.bucket(bucket).key(key).contentLength((long) bytes.length), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("write", bucket, key, e);
        }
    }

    /** The object with its ETag, or empty when there is none. */
    Optional<Versioned> getVersioned(String bucket, String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(new Versioned(bytes.asByteArrayUnsafe(), bytes.response().eTag()));
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

    /** A create-only put ({@code If-None-Match: *}). */
    Conditional putIfAbsent(String bucket, String key, byte[] bytes) {
        return conditionally("create", bucket, key, () -> conditionalClient.putObject(
                b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentLength((long) bytes.length),
                RequestBody.fromBytes(bytes)));
    }

    /** A put that replaces the object only while it is still the version {@code etag} ({@code If-Match}). */
    Conditional putIfMatch(String bucket, String key, String etag, byte[] bytes) {
        return conditionally("replace", bucket, key, () -> conditionalClient.putObject(
                b -> b.bucket(bucket).key(key).ifMatch(etag).contentLength((long) bytes.length),
                RequestBody.fromBytes(bytes)));
    }

    /** A delete of the object only while it is still the version {@code etag} ({@code If-Match}). */
    Conditional deleteIfMatch(String bucket, String key, String etag) {
        return conditionally("delete", bucket, key, () -> conditionalClient.deleteObject(
                b -> b.bucket(bucket).key(key).ifMatch(etag)));
    }

    /**
     * Runs a conditional request with this class's own retries. S3 answers 412 when the precondition
     * fails and 409 while another conditional write to the key is in flight (retried: the server
     * refused before applying anything). A 5xx or an I/O error may come after the server applied the
     * request, so once one was seen a later 412 may be this call's own doing: the outcome is then
     * {@link Conditional#UNKNOWN}, and so it is when every attempt ends that way.
     */
    private Conditional conditionally(String what, String bucket, String key, Runnable request) {
        boolean ambiguous = false;
        SdkException last = null;
        for (int attempt = 0; attempt < CONDITIONAL_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                sleep(Math.min(2000, 50L << attempt));
            }
            try {
                request.run();
                return Conditional.DONE;
            } catch (S3Exception e) {
                last = e;
                if (e.statusCode() == 412) {
                    return ambiguous ? Conditional.UNKNOWN : Conditional.REFUSED;
                }
                if (e.statusCode() == 404 && !isNoSuchBucket(e) && what.equals("delete")) {
                    return ambiguous ? Conditional.UNKNOWN : Conditional.REFUSED;
                }
                if (e.statusCode() >= 500) {
                    ambiguous = true;
                } else if (e.statusCode() != 409) {
                    throw failure(what, bucket, key, e);
                }
            } catch (SdkException e) {
                last = e;
                ambiguous = true;
            }
        }
        if (ambiguous) {
            return Conditional.UNKNOWN;
        }
        throw failure(what, bucket, key, last);
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
        list(bucket, prefix, null, key -> {
            keys.add(key);
            return true;
        });
        return keys;
    }

    /**
     * The keys under a prefix that sort after {@code startAfter} (null: from the first), in key
     * order, page by page, until {@code each} answers false.
     */
    void list(String bucket, String prefix, String startAfter, Predicate<String> each) {
        String token = null;
        try {
            do {
                ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
                if (token != null) {
                    req.continuationToken(token);
                } else if (startAfter != null) {
                    req.startAfter(startAfter);
                }
                ListObjectsV2Response page = client.listObjectsV2(req.build());
                for (S3Object o : page.contents()) {
                    if (!each.test(o.key())) {
                        return;
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw failure("list", bucket, prefix, e);
        }
    }

    /** The "directories" right under a prefix (common prefixes up to the next {@code /}), each ending in {@code /}. */
    List<String> subPrefixes(String bucket, String prefix) {
        List<String> out = new ArrayList<>();
        String token = null;
        try {
            do {
                ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                        .delimiter("/");
                if (token != null) {
                    req.continuationToken(token);
                }
                ListObjectsV2Response page = client.listObjectsV2(req.build());
                page.commonPrefixes().forEach(c -> out.add(c.prefix()));
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw failure("list", bucket, prefix, e);
        }
        return out;
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
            throw new CatalogIOException("interrupted while retrying a conditional request", e);
        }
    }
}
