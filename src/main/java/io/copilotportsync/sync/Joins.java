package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.flow.PropertyNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Body;

/**
 * The state the team and seat routes keep across one job's files and pages (a {@link TeamDay} or a {@link SeatChoice}
 * in an exchange property), as a bean the routes call.
 */
public final class Joins {

    /** The team join of a day begins (property teamDay, set by the route). */
    public TeamDay beginTeamDay(@ExchangeProperty(PropertyNames.SCOPE_TYPE) String scopeType, @ExchangeProperty(PropertyNames.DAY) String day) {
        return new TeamDay(day, "enterprise".equals(scopeType) ? "enterprise_id" : "organization_id");
    }

    public void membership(@ExchangeProperty(PropertyNames.TEAM_DAY) TeamDay teamDay, @Body JsonNode record) {
        teamDay.addMembership(record);
    }

    public void usage(@ExchangeProperty(PropertyNames.TEAM_DAY) TeamDay teamDay, @Body JsonNode record) {
        teamDay.addUsage(record);
    }

    public List<ObjectNode> teamRecords(@ExchangeProperty(PropertyNames.TEAM_DAY) TeamDay teamDay) {
        return teamDay.records();
    }

    /** A seat list begins (property seatChoice, set by the route). */
    public SeatChoice beginSeats() {
        return new SeatChoice();
    }

    public void offerSeat(@ExchangeProperty(PropertyNames.SEAT_CHOICE) SeatChoice choice, @Body JsonNode seat) {
        choice.offer(seat);
    }

    public List<ObjectNode> chosenSeats(@ExchangeProperty(PropertyNames.SEAT_CHOICE) SeatChoice choice) {
        List<ObjectNode> seats = new ArrayList<>();
        for (JsonNode seat : choice.seats()) {
            seats.add(((ObjectNode) seat).deepCopy());
        }
        return seats;
    }
}
