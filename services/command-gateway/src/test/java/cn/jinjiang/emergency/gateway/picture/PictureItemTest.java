package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.json.StrictJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** An item's JSON is written once and is what the service's mapper writes; the change log stores its six fields. */
class PictureItemTest {

    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper()).registerModule(new JavaTimeModule());

    private PictureItem item() {
        UUID id = UUID.randomUUID();
        ObjectNode body = mapper.createObjectNode().put("id", id.toString()).put("title", "内涝 \"quoted\" \u2028")
                .put("directLossCny", 250000.50).put("open", true);
        body.putArray("reports").addObject().put("kind", "FIRST");
        return new PictureItem(ItemKind.INCIDENT, id.toString(), id, List.of("350582100000"), Grade.IV, body);
    }

    @Test
    void itsJsonIsTheMappersAndWrittenOnce() throws Exception {
        PictureItem item = item();
        String json = item.json();
        assertEquals(mapper.writeValueAsString(item.body()), json);
        assertSame(json, item.json());
    }

    @Test
    void theChangeLogStoresItsFieldsAndReadsTheSameItemBack() throws Exception {
        PictureItem item = item();
        String stored = mapper.writeValueAsString(item);
        assertEquals(List.of("kind", "id", "incidentId", "areaCodes", "grade", "body"),
                iterable(mapper.readTree(stored).fieldNames()));
        assertEquals(item, mapper.readValue(stored, PictureItem.class));
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
