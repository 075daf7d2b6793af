package cn.jinjiang.emergency.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** material-reserves' stock as the allocation benchmark reads and prepares it, through the service's API. */
final class ReservesStock {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stack stack;
    private final HttpClient http;

    ReservesStock(Stack stack, HttpClient http) {
        this.stack = stack;
        this.http = http;
    }

    /**
     * Free stock of every given item of at least {@code free}, received into the town warehouses: the run measures
     * allocations that find their stock, not the cheaper ones made once it has run out (only the scarce item should).
     * Receipts are ledger movements like any other; they stay on the bench's stack.
     */
    String topUp(String dispatcher, String keeper, List<String> items, int free) throws Exception {
        Map<String, Integer> deficits = new LinkedHashMap<>();
        for (String item : items) {
            int available = get(dispatcher, "/api/stock?item=" + item).get("free").asInt();
            if (available < free) {
                deficits.put(item, free - available);
            }
        }
        if (deficits.isEmpty()) {
            return "every common item had " + free + " free or more";
        }
        List<JsonNode> towns = new ArrayList<>();
        get(dispatcher, "/api/warehouses?level=TOWN").forEach(towns::add);
        for (JsonNode town : towns) {
            List<String> receipt = new ArrayList<>();
            deficits.forEach((item, deficit) -> receipt.add("{\"itemCode\": \"" + item + "\", \"quantity\": "
                    + (deficit / towns.size() + 1) + "}"));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.service("material-reserves",
                            "/api/warehouses/" + town.get("id").asText() + "/receipts"))
                    .header("Authorization", "Bearer " + keeper).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"items\": [" + String.join(", ", receipt)
                            + "], \"reason\": \"benchmark stock\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new IllegalStateException("receipt refused: " + response.statusCode() + " " + response.body());
            }
        }
        return "received into " + towns.size() + " town warehouses before the run: " + deficits.entrySet().stream()
                .map(e -> e.getKey() + " +" + (e.getValue() / towns.size() + 1) * towns.size())
                .collect(Collectors.joining(", "));
    }

    /** Per item: free and reserved across the network. */
    Map<String, int[]> stock(String token, List<String> items) throws Exception {
        Map<String, int[]> stock = new HashMap<>();
        for (String item : items) {
            JsonNode network = get(token, "/api/stock?item=" + item);
            stock.put(item, new int[] {network.get("free").asInt(), network.get("reserved").asInt()});
        }
        return stock;
    }

    JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.service("material-reserves", path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
