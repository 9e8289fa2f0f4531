package io.copilotportsync.port;

import java.util.List;

/**
 * Told Port's answer for each entity sent: BulkUpsert reads Port's answers, the sync (Acknowledgements) counts them
 * against the run that mapped each entity.
 */
public interface EntityAnswers<E extends OutgoingEntity> {
    /** Port took these entities. */
    void acknowledged(List<E> entities);

    /** Port refused the entity, or it could not be sent; the reason is said to the user. */
    void rejected(E entity, String reason);
}
