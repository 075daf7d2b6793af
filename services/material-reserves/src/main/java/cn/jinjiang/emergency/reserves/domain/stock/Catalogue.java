package cn.jinjiang.emergency.reserves.domain.stock;

import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The item codes of the catalogue, read once: the catalogue changes only with its reference file, which is loaded at
 * start, so an allocation checks its items without a query.
 */
@ApplicationScoped
public class Catalogue {

    private volatile Set<String> codes;

    /** Fails with a 400 naming the field {@code field} gives for the index of the first unknown code. */
    public Uni<Void> check(List<String> itemCodes, IntFunction<String> field) {
        return codes().invoke(known -> {
            for (int i = 0; i < itemCodes.size(); i++) {
                if (!known.contains(itemCodes.get(i))) {
                    throw new InvalidFieldException(field.apply(i), "no item " + itemCodes.get(i)
                            + " in the catalogue");
                }
            }
        }).replaceWithVoid();
    }

    private Uni<Set<String>> codes() {
        Set<String> known = codes;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        // A session of its own: callers check their items before they have one (an allocation before its round).
        return Panache.withSession(() -> Item.<Item>listAll()).map(items -> {
            Set<String> loaded = items.stream().map(item -> item.code).collect(Collectors.toUnmodifiableSet());
            codes = loaded;
            return loaded;
        });
    }
}
