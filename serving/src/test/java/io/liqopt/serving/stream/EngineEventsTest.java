package io.liqopt.serving.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void idsEvent_isWhatJacksonWrites_escapesIncluded() throws Exception {
    List<String> ids = List.of("loan-1", "a\"b", "back\\slash", "tab\there", "é✓", "\u0001");
    assertEquals(jackson(ids), EngineEvents.ids(ids));
    List<String> back = new ArrayList<>();
    JSON.readTree(EngineEvents.ids(ids)).get("ids").forEach(n -> back.add(n.asText()));
    assertEquals(ids, back);
  }

  @Test
  void idsEvent_namesTheFirstThousand_countsAll() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      ids.add("pos-" + i);
    }
    assertEquals(jackson(ids), EngineEvents.ids(ids));
    assertEquals(2_500, JSON.readTree(EngineEvents.ids(ids)).get("count").asInt());
    assertEquals(EngineEvents.MAX_IDS, JSON.readTree(EngineEvents.ids(ids)).get("ids").size());
    assertEquals("{\"count\":0,\"ids\":[]}", EngineEvents.ids(List.of()));
  }

  private static String jackson(List<String> ids) throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("count", ids.size());
    data.put("ids", ids.subList(0, Math.min(EngineEvents.MAX_IDS, ids.size())));
    return JSON.writeValueAsString(data);
  }
}
