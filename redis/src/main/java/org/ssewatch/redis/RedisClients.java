package org.ssewatch.redis;

import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/** How the publisher and the relay connect to a {@link RedisUrl}: one place for auth, database and TLS. */
public final class RedisClients {
    private RedisClients() {
    }

    static JedisClientConfig config(RedisUrl url, String name, int connectMs, int socketMs) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(connectMs).socketTimeoutMillis(socketMs)
                .user(url.user()).password(url.password()).database(url.database()).clientName(name);
        if (url.tls()) {
            // Check that the certificate names the host, as HTTPS does; Jedis leaves that off by default.
            SSLParameters tls = new SSLParameters();
            tls.setEndpointIdentificationAlgorithm("HTTPS");
            client.ssl(true).sslParameters(tls);
        }
        return client.build();
    }

    static Jedis connect(RedisUrl url, String name, int connectMs, int socketMs) {
        return new Jedis(new HostAndPort(url.host(), url.port()), config(url, name, connectMs, socketMs));
    }

    /** A small pool for the relay's short reads (a late joiner's XRANGE, the list of runs), thread-safe. */
    public static JedisPooled pooled(RedisUrl url, String name, int connectMs, int socketMs) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(8);
        pool.setJmxEnabled(false); // the command line runs without an MBean server (cli NoPlatformMBeans)
        return new JedisPooled(new HostAndPort(url.host(), url.port()), config(url, name, connectMs, socketMs), pool);
    }
}
