package cn.jinjiang.emergency.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** /q/health/ready of the five services: the stack's own word on whether it can do its work. */
final class Readiness {

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Readiness(Stack stack) {
        this.stack = stack;
    }

    /** The local stack once every service is ready; exits with 2 (the stack is not up) if it is not within the time. */
    static Stack readyStackOrExit(Duration timeout) {
        Stack stack = Stack.fromEnvironment();
        Readiness readiness = new Readiness(stack);
        if (!readiness.await(timeout)) {
            Progress.say("not every service is ready: %s; start the stack with deploy/local/up.sh",
                    readiness.statuses());
            System.exit(2);
        }
        return stack;
    }

    /** Status per service; 0 when nothing answered. */
    Map<String, Integer> statuses() {
        Map<String, CompletableFuture<Integer>> asked = new LinkedHashMap<>();
        for (String service : Stack.SERVICES.keySet()) {
            HttpRequest request = HttpRequest.newBuilder(stack.service(service, "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build();
            asked.put(service, http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> failure == null ? response.statusCode() : 0));
        }
        Map<String, Integer> statuses = new LinkedHashMap<>();
        asked.forEach((service, status) -> statuses.put(service, status.join()));
        return statuses;
    }

    boolean allReady() {
        return statuses().values().stream().allMatch(status -> status == 200);
    }

    /** True once every service is ready, false if the timeout passed first. */
    boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (allReady()) {
                return true;
            }
            Pause.millis(500);
        }
        return false;
    }
}
